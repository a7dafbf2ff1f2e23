/**
 * 办件统计 (docs/statistics.md): a center's figures of a month, the county's comparison of centers,
 * and the filters of the lists each figure opens.
 */
import { CHANNELS } from '@bianmin/domain';
import { z } from 'zod';
import { centerScope, isoDateTime } from './common.ts';
import { satisfactionStatsView } from './ratings.ts';
import { caseKind, statsMonth } from './stats-filters.ts';

export * from './stats-filters.ts';

export const statsQuery = centerScope.extend({
  /** The month shown (YYYY-MM, Asia/Shanghai); this month when absent. */
  month: statsMonth.optional(),
});
export const countyStatsQuery = z.object({ month: statsMonth.optional() });

const onTime = {
  /** Cases completed (办结) in the month. */
  closed: z.number(),
  /** Of them, within their term. */
  onTime: z.number(),
  late: z.number(),
  /** 按时办结率 in per cent (one decimal); null when nothing was completed. */
  ratePercent: z.number().nullable(),
};
const timed = {
  ...onTime,
  /** 平均办理用时: working minutes from the clock's start to completion, pauses out. */
  avgWorkingMinutes: z.number().nullable(),
};

export const statsTrendMonth = z.object({ month: z.string(), ...onTime });

export const centerStats = z.object({
  now: isoDateTime,
  centerId: z.number(),
  centerName: z.string(),
  month: z.string(),
  /** The 12 months ending with `month`, oldest first. */
  trend: z.array(statsTrendMonth),
  total: z.object(timed),
  byWindow: z.array(
    z.object({ windowId: z.number().nullable(), windowName: z.string(), ...timed }),
  ),
  byItem: z.array(z.object({ itemId: z.number().nullable(), itemName: z.string(), ...timed })),
  byPerson: z.array(z.object({ staffId: z.number().nullable(), staffName: z.string(), ...timed })),
  /** Cases received in the month, by how they came and by kind (as they stand now). */
  volume: z.object({
    received: z.number(),
    byChannel: z.array(z.object({ channel: z.enum(CHANNELS), count: z.number() })),
    byKind: z.array(z.object({ kind: caseKind, count: z.number() })),
  }),
  /** Ratings given in the month (upheld contests excluded from every figure). */
  ratings: satisfactionStatsView,
  /** Public reports (群众举报) received in the month, as they stand now. */
  complaints: z.object({
    received: z.number(),
    /** Not yet decided by the assessment group (待核查). */
    undecided: z.number(),
    /** Decided and answered to the reporter (已答复). */
    replied: z.number(),
    /** Decided after the term, or undecided with the term over. */
    overdue: z.number(),
  }),
  /** Bookings for slots in the month, by what became of them. */
  appointments: z.object({
    booked: z.number(),
    arrived: z.number(),
    noShow: z.number(),
    cancelled: z.number(),
    /** Still booked: the slot has not come yet (or is not yet marked). */
    pending: z.number(),
    /** 爽约率: no-shows ÷ (arrived + no-shows), per cent; null when none came due. */
    noShowRatePercent: z.number().nullable(),
  }),
  /** Home visits (上门服务) asked for in the month, as they stand now. */
  visits: z.object({
    total: z.number(),
    /** Still to be scheduled. */
    requested: z.number(),
    scheduled: z.number(),
    visited: z.number(),
    cancelled: z.number(),
  }),
  /** Years the working time was counted without a calendar (as plain weekdays). */
  missingYears: z.array(z.number()),
});
export type CenterStats = z.infer<typeof centerStats>;

export const countyCenterStats = z.object({
  centerId: z.number(),
  centerName: z.string(),
  ...timed,
  received: z.number(),
  ratings: z.number(),
  satisfactionPercent: z.number().nullable(),
  complaints: z.number(),
  complaintsOverdue: z.number(),
  booked: z.number(),
  noShow: z.number(),
  visits: z.number(),
});
export type CountyCenterStats = z.infer<typeof countyCenterStats>;

export const countyStats = z.object({
  now: isoDateTime,
  month: z.string(),
  centers: z.array(countyCenterStats),
});
export type CountyStats = z.infer<typeof countyStats>;

export const statsTrend = z.object({ month: z.string(), trend: z.array(statsTrendMonth) });
export type StatsTrend = z.infer<typeof statsTrend>;
