import {
  halfYearOf,
  halfYearsBetween,
  previousHalfYear,
  shanghaiDateOf,
  type HalfYear,
} from '@bianmin/domain';

/** The first half-year under the demo center's regulation (in force from 2023-01-01). */
const FIRST: HalfYear = { year: 2023, half: 1 };

/**
 * The demo center's assessment history, dated back from `now` so that the demo reads the same on
 * any day it is created:
 * - every half-year that is over is settled, but the latest one, which awaits the group leader's
 *   approval (so the console has a half-year to approve);
 * - each settled half-year was approved on the 10th of the month after it, at 10:00;
 * - the year-end ratings were decided on 26 December of the last year whose second half-year is
 *   settled (`ratedYear`), for everyone but 李娜, whose rating the group has still to decide.
 */
export interface DemoTimeline {
  /** The latest half-year that is over: left for the group leader to approve. */
  awaitingApproval: HalfYear;
  /** The half-years settled, oldest first, each with the instant of its approval. */
  approved: { halfYear: HalfYear; at: Date }[];
  /** The year whose ratings the demo decided (null when no year is settled yet). */
  ratedYear: number | null;
}

const shanghai = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

export function demoTimeline(now: Date): DemoTimeline {
  const today = shanghaiDateOf(now.getTime());
  const current = halfYearOf(today);
  const awaitingApproval = previousHalfYear(current);
  const approved = halfYearsBetween(FIRST, previousHalfYear(awaitingApproval)).map((h) => ({
    halfYear: h,
    at: shanghai(h.half === 1 ? `${h.year}-07-10` : `${h.year + 1}-01-10`, '10:00'),
  }));
  const ratedYear = approved.filter((a) => a.halfYear.half === 2).at(-1)?.halfYear.year ?? null;
  return { awaitingApproval, approved, ratedYear };
}

/** 26 December of the rated year at 10:00 Beijing: when the demo's ratings were decided. */
export const ratingsDecidedAt = (year: number) => shanghai(`${year}-12-26`, '10:00');
