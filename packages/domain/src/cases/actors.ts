/**
 * Who may act on a case (首问负责, 限时办结): the person holding it — the one the time limit runs
 * against — or the director, who may step in for anyone; a case at the business section (联办件) is
 * the section's. The one extension is not the holder's to give: a leader approves it.
 */
import type { Holder } from './model.ts';
import type { CaseCommand } from './transitions.ts';

/** The signed-in person, as far as the case rules care. */
export interface CaseActor {
  readonly staffId: number | null;
  /** The center director (中心主任): may act on any case of the center. */
  readonly director: boolean;
  /** A member of the business section (中心业务科), which holds joint cases while it coordinates. */
  readonly businessSection: boolean;
  /** May approve an extension (the director, a supervising leader). */
  readonly approver: boolean;
}

/** Commands a leader approves rather than the holder doing them. */
export const APPROVER_COMMANDS: readonly CaseCommand[] = ['extend'];

/** Whether `actor` holds the case, or may act for its holder (the director). */
export function holdsOrOversees(holder: Holder, actor: CaseActor): boolean {
  if (actor.director) return true;
  if (holder.businessSection) return actor.businessSection;
  return actor.staffId !== null && actor.staffId === holder.staffId;
}

/** Whether `actor` may run `command` on a case held by `holder`. */
export function mayRun(command: CaseCommand, holder: Holder, actor: CaseActor): boolean {
  return APPROVER_COMMANDS.includes(command) ? actor.approver : holdsOrOversees(holder, actor);
}
