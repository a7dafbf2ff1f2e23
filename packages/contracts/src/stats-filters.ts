/**
 * The month of the statistics and the filters of the case list a figure opens (docs/statistics.md).
 * Apart from stats.ts so that cases.ts can use them without importing the ratings contracts.
 */
import { CASE_KINDS } from '@bianmin/domain';
import { z } from 'zod';
import { id } from './common.ts';

export const statsMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 年-月，如 2026-03');

/** A case's kind as it stands now (domain stats/figures.ts), or 'accepted' for the four sub-kinds. */
export const caseKind = z.enum(CASE_KINDS);
export const caseKindFilter = z.enum([...CASE_KINDS, 'accepted']);
export type CaseKindFilter = z.infer<typeof caseKindFilter>;

/** The list filters a figure opens, besides those of the lists already (see cases.ts caseQuery). */
export const statsListFilters = {
  /** Closed in this month (Asia/Shanghai). */
  closedMonth: statsMonth.optional(),
  /** Received in this month. */
  receivedMonth: statsMonth.optional(),
  holderStaffId: id.optional(),
  /** 'true': completed within the term; 'false': completed late. */
  onTime: z.enum(['true', 'false']).optional(),
  kind: caseKindFilter.optional(),
};
