import { Tag } from 'antd';
import type { RatingValue } from '../../api/evaluations.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.evaluations;

/** The first year assessed under the regulation (the demo center's 2023 version). */
const FIRST_YEAR = 2023;

/**
 * The year the page opens on: the current year from 1 December (when its ratings are decided),
 * otherwise the previous one.
 */
export function evaluationYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return today.slice(5) >= '12-01' ? y : y - 1;
}

/** The years to choose from, newest first. */
export function yearOptions(today: string): number[] {
  const last = Number(today.slice(0, 4));
  const out: number[] = [];
  for (let y = last; y >= FIRST_YEAR; y -= 1) out.push(y);
  return out;
}

/** "省级 1 · 镇级 2": the findings of the year by level, the ones that occur. */
export function findingLevelCounts(byLevel: Record<string, number>): string {
  return Object.entries(byLevel)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${L.levels[level] ?? level} ${n}`)
    .join(' · ');
}

const TONE: Record<RatingValue, string> = {
  优秀: 'rating-excellent',
  称职: 'rating-competent',
  基本称职: 'rating-basic',
  不称职: 'rating-unfit',
};

export function RatingTag({ rating }: { rating: RatingValue }) {
  return <Tag className={`rating-tag ${TONE[rating]}`}>{rating}</Tag>;
}
