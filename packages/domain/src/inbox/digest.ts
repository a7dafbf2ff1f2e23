/**
 * The director's morning digest (每日督办摘要): once per working day, from 08:30 Beijing time, one
 * item with the day's figures. Pure: the instant and what the calendar says of the day come in.
 */
import {
  isWeekend,
  parseIsoDate,
  shanghaiDateOf,
  shanghaiDayOf,
  shanghaiInstantOfDay,
} from '../calendar/civil.ts';
import type { IsoDate } from '../org/staff.ts';

/** 08:30 Beijing time, in minutes after midnight. */
export const DIGEST_MINUTE = 8 * 60 + 30;

/** What the center's calendar stores of a date: its year entered or not, and the day's entry. */
export interface StoredDay {
  readonly yearKnown: boolean;
  /** 'holiday' (法定节假日), 'workday' (调休上班), or null: an ordinary day of its week. */
  readonly kind: 'holiday' | 'workday' | null;
}

/**
 * Whether a date is worked, by the center's calendar; a date of a year not entered is taken for an
 * ordinary week (Monday to Friday) — a digest on a holiday is better than none on a workday.
 */
export function isWorkedDay(date: IsoDate, stored: StoredDay): boolean {
  const day = parseIsoDate(date);
  if (day === undefined) return false;
  if (stored.yearKnown && stored.kind === 'holiday') return false;
  if (stored.yearKnown && stored.kind === 'workday') return true;
  return !isWeekend(day);
}

/** The date whose digest may go at `now`: today (Beijing) once it is 08:30; null before. */
export function digestDateAt(now: number): IsoDate | null {
  const at = shanghaiInstantOfDay(shanghaiDayOf(now), DIGEST_MINUTE);
  return now >= at ? shanghaiDateOf(now) : null;
}

/** The dedupe key of a day's digest: one per director and date. */
export const digestKey = (date: IsoDate) => `digest:${date}`;

export interface DigestFigures {
  /** Running cases past their deadline (超期). */
  readonly red: number;
  /** Running cases in their warning period (预警). */
  readonly yellow: number;
  /** Extension requests waiting for the director; null where the center has none to count. */
  readonly extensionsPending: number | null;
  /** 差评 follow-ups not closed. */
  readonly followUpsOpen: number;
  /** Public reports not yet decided. */
  readonly reportsWaiting: number;
  /** Completion announcements past their publication date. */
  readonly announcementsLate: number;
}

/**
 * The digest's title and body: the case lights always, the rest when there is any; the body
 * names every figure.
 */
export function digestText(f: DigestFigures): { title: string; body: string } {
  const parts: [string, number | null][] = [
    ['延期待审批', f.extensionsPending],
    ['差评待回访整改', f.followUpsOpen],
    ['群众举报待处理', f.reportsWaiting],
    ['办结公告逾期', f.announcementsLate],
  ];
  const more = parts.filter(([, n]) => n !== null && n > 0).map(([what, n]) => `${what} ${n} 件`);
  const title = [`今日督办：超期 ${f.red} 件`, `预警 ${f.yellow} 件`, ...more].join('，');
  const all = parts.filter(([, n]) => n !== null).map(([what, n]) => `${what} ${n} 件`);
  const body =
    `在办件中已超期 ${f.red} 件、即将到期 ${f.yellow} 件；${all.join('，')}。` +
    (f.red > 0 ? '请在督办看板上查看并督促承办人。' : '请在督办看板上查看。');
  return { title, body };
}
