import { z } from 'zod';
import { isoDateTime } from './common.ts';

export const halfYearParams = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  half: z.coerce.number().int().min(1).max(2),
});
export const staffHalfYearParams = halfYearParams.extend({
  staffId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const settlementLineKind = z.enum([
  'pool_month',
  'forfeit_month',
  'deduction',
  'carry_in',
  'carry_out',
  'write_off',
  'adjustment',
]);
export type SettlementLineKind = z.infer<typeof settlementLineKind>;

/** What each kind of line is called, on the screen and in the Excel sheet. */
export const LINE_KIND_NAMES: Readonly<Record<SettlementLineKind, string>> = {
  pool_month: '考核标准',
  forfeit_month: '没收当月',
  deduction: '通报扣除',
  carry_in: '上期结转',
  carry_out: '结转下期',
  write_off: '核销',
  adjustment: '更正调整',
};

export const settlementLine = z.object({
  kind: settlementLineKind,
  amountFen: z.number(),
  text: z.string(),
  findingIds: z.array(z.string()).optional(),
  month: z.string().optional(),
});

const money = {
  poolFen: z.number(),
  owedFen: z.number(),
  carriedInFen: z.number(),
  appliedFen: z.number(),
  adjustmentFen: z.number(),
  carriedOutFen: z.number(),
  writtenOffFen: z.number(),
  payableFen: z.number(),
};

export const personSettlement = z.object({
  staffId: z.number(),
  staffNo: z.string(),
  staffName: z.string(),
  windowName: z.string().nullable(),
  year: z.number(),
  half: z.number(),
  /** approved: frozen; draft: computed now, changes until approved; refused: cannot be computed. */
  status: z.enum(['draft', 'approved', 'refused']),
  ...money,
  lines: z.array(settlementLine),
  approvedByName: z.string().nullable(),
  approvedAt: isoDateTime.nullable(),
  /** Why it cannot be computed (e.g. an earlier half-year is not settled yet). */
  refusal: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type PersonSettlement = z.infer<typeof personSettlement>;

export const settlementSheet = z.object({
  year: z.number(),
  half: z.number(),
  label: z.string(),
  people: z.array(personSettlement),
  totals: z.object(money),
  /**
   * Whether the group leader may approve now (the half-year is over and someone's open settlement
   * can be computed: those who cannot are left open, with their reason), and why not.
   */
  approvable: z.boolean(),
  blockedReason: z.string().nullable(),
});
export type SettlementSheet = z.infer<typeof settlementSheet>;
