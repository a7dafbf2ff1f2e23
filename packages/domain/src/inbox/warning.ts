/**
 * The early warnings that reach the holder (红黄牌 → 待办): a case that turns yellow or red gives its
 * holder one item for that turn. What was last told is kept with the case (`warned`); a sweep
 * compares it with the case's light now. A case first seen when already red gives one red item,
 * not a yellow one as well. A case whose light goes down (an extension, a pause, completion) is
 * marked down without an item, so that turning yellow or red again is told again.
 */
import type { CaseStatus } from '../cases/model.ts';
import { dueLight } from '../cases/term.ts';

export type Warned = 'yellow' | 'red' | null;
/** The light that matters for telling: a paused or finished case is green (nothing runs). */
export type RunningLight = 'green' | 'yellow' | 'red';

const rank = (w: Warned | RunningLight): number => (w === 'red' ? 2 : w === 'yellow' ? 1 : 0);

export interface WarningStep {
  /** What to keep as told from now on. */
  readonly warned: Warned;
  /** The item to give the holder, if any. */
  readonly tell: 'case_yellow' | 'case_red' | null;
}

/** From what was told and the light now: what to keep as told, and the item to give, if any. */
export function warningStep(warned: Warned, light: RunningLight): WarningStep {
  const now: Warned = light === 'green' ? null : light;
  if (rank(now) > rank(warned))
    return { warned: now, tell: now === 'red' ? 'case_red' : 'case_yellow' };
  return { warned: now, tell: null };
}

/** The statuses in which a case's clock runs (a paused one is stopped; see RUNNING_STATUSES). */
export const CLOCK_RUNNING: readonly CaseStatus[] = ['in_progress', 'with_authority'];

/**
 * A case's light for telling at `now`: its stored deadline and yellow instant while its clock runs
 * (as the case lists show it), green when paused, finished, not yet accepted or without a term.
 */
export function runningLightOf(
  c: {
    readonly status: CaseStatus;
    readonly deadlineAt: number | null;
    readonly yellowAt: number | null;
  },
  now: number,
): RunningLight {
  if (!CLOCK_RUNNING.includes(c.status) || c.deadlineAt === null || c.yellowAt === null)
    return 'green';
  return dueLight({ at: c.deadlineAt, yellowAt: c.yellowAt }, now);
}
