/**
 * Test fixture (not exported from the package): the 2026 calendar context, Shanghai wall-clock
 * instants, and cases driven into each status through legal transitions only.
 */
import { calendarOf, timetableOf } from '../calendar/arbitraries.fixture.ts';
import { CHINA_2026, SEASONS } from '../calendar/china-2026.fixture.ts';
import { parseHhMm, parseIsoDate, shanghaiInstantOfDay } from '../calendar/civil.ts';
import type { Result } from '../shared/result.ts';
import {
  DEFAULT_CASE_POLICY,
  type AcceptedKind,
  type CasePolicy,
  type CaseState,
  type CaseStatus,
  type CatalogTerm,
} from './model.ts';
import type { TermContext } from './term.ts';
import {
  accept,
  answer,
  complete,
  pause,
  receive,
  recordOutcome,
  requestSupplement,
  returnCase,
  submit,
} from './transitions.ts';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const CAL_2026 = calendarOf(CHINA_2026);
export const TT_2026 = timetableOf(SEASONS);

export const ctxOf = (policy: Partial<CasePolicy> = {}): TermContext => ({
  cal: CAL_2026,
  tt: TT_2026,
  policy: { ...DEFAULT_CASE_POLICY, ...policy },
});
export const CTX = ctxOf();

/** An Asia/Shanghai wall-clock time as epoch ms, e.g. sh('2026-02-13', '10:00'). */
export function sh(date: string, time: string): number {
  const day = parseIsoDate(date);
  const minute = parseHhMm(time);
  if (day === undefined || minute === undefined) throw new Error(`bad test time ${date} ${time}`);
  return shanghaiInstantOfDay(day, minute);
}

/** The value of a result that must succeed (the test fails loudly on a refusal). */
export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${r.code} ${JSON.stringify(r.details ?? {})}`);
  return r.value;
}

/** Staff 1 at window 1 receives a visitor on Mon 2026-03-02 at 09:00. */
export const RECEIVED_AT = sh('2026-03-02', '09:00');
export const ACCEPTED_AT = sh('2026-03-02', '10:00');
/** A reported case of 10 working days (so every accepted-case command has valid facts). */
export const TABLE_TERM_DAYS = 10;

export const newCase = (at = RECEIVED_AT) => receive({ at, staffId: 1, windowId: 1 });

/** A catalog item of `kind` whose term is exactly `termDays` (immediate items have none). */
export const catalogItem = (kind: AcceptedKind, termDays: number | null): CatalogTerm => ({
  defaultKind: kind,
  promisedDays: kind === 'immediate' ? null : termDays,
  legalDays: kind === 'immediate' ? null : termDays,
});

/**
 * Accepts `state` as `kind` with exactly `termDays` (for tests of deadlines, not of the catalog's
 * bounds): the item's catalog term is that term, and a petition's statute allows it.
 */
export function acceptWithTerm(
  state: CaseState,
  f: { at: number; kind: AcceptedKind; termDays: number | null; urgent?: boolean },
  ctx: TermContext = CTX,
) {
  const wide: TermContext = {
    ...ctx,
    policy: { ...ctx.policy, petitionDays: Math.max(ctx.policy.petitionDays, f.termDays ?? 0) },
  };
  return accept(
    state,
    { urgent: false, ...f, item: catalogItem(f.kind, f.termDays) },
    f.kind === 'petition' ? wide : ctx,
  );
}
/**
 * A case brought into `status` through legal transitions only, all before 2026-03-02 12:00: a
 * reported case once accepted (so that every accepted-case command has valid facts), or `kind`.
 * A case with the higher authority has its answer recorded when `answered` is set.
 */
export function caseIn(
  status: CaseStatus,
  ctx: TermContext = CTX,
  opts: { kind?: AcceptedKind; answered?: boolean } = {},
): CaseState {
  const received = newCase();
  const kind = status === 'with_authority' ? 'reported' : (opts.kind ?? 'reported');
  const accepted = () =>
    value(acceptWithTerm(received, { at: ACCEPTED_AT, kind, termDays: TABLE_TERM_DAYS }, ctx));
  switch (status) {
    case 'received':
      return received;
    case 'answered':
      return value(answer(received, { at: sh('2026-03-02', '09:10') }));
    case 'awaiting_materials':
      return value(requestSupplement(received, { at: sh('2026-03-02', '09:10') }, ctx));
    case 'returned':
      return value(returnCase(received, { at: sh('2026-03-02', '09:10') }));
    case 'in_progress':
      return accepted();
    case 'paused':
      return value(
        pause(accepted(), { at: sh('2026-03-02', '11:00'), reason: 'testing', note: '检测' }, ctx),
      );
    case 'with_authority': {
      const submitted = value(
        submit(accepted(), {
          at: sh('2026-03-02', '11:00'),
          authority: '县市场监督管理局',
          dueDate: '2026-03-20',
        }),
      );
      return opts.answered
        ? value(
            recordOutcome(submitted, {
              at: sh('2026-03-02', '11:30'),
              result: 'approved',
              note: '县局批复同意',
            }),
          )
        : submitted;
    }
    case 'completed':
      return value(
        complete(caseIn('with_authority', ctx, { answered: true }), {
          at: sh('2026-03-02', '11:40'),
        }),
      );
  }
}
