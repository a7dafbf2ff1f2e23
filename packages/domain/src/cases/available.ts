/**
 * The commands the rules let through on a case right now, so that a screen offers only those: the
 * status (`ALLOWED_FROM`) and, where a refusal depends only on the case and the time, the command
 * itself tried with the mildest input it takes — a one-day extension, a term one day shorter, a due
 * date of today. A command offered here can still be refused for what the person then enters (too
 * many days, a wrong fee), never for the state of the case.
 */
import { shanghaiDateOf } from '../calendar/civil.ts';
import type { CaseState } from './model.ts';
import type { TermContext } from './term.ts';
import {
  ALLOWED_FROM,
  CASE_COMMANDS,
  complete,
  expedite,
  extend,
  pause,
  recordOutcome,
  requestSupplement,
  resume,
  submit,
  type CaseCommand,
} from './transitions.ts';

/** Commands that need the case's catalog item (the checklist, the catalog's term, the reasons). */
const NEEDS_ITEM: readonly CaseCommand[] = ['requestSupplement', 'return', 'accept'];

function letThrough(command: CaseCommand, s: CaseState, now: number, ctx: TermContext): boolean {
  switch (command) {
    case 'handOver':
    case 'answer':
    case 'return':
    case 'accept':
      return true;
    case 'requestSupplement':
      return requestSupplement(s, { at: now }, ctx).ok;
    case 'pause':
      return pause(s, { at: now, reason: 'awaiting_applicant', note: '' }, ctx).ok;
    case 'resume':
      return resume(s, { at: now }).ok;
    case 'extend':
      return extend(s, { at: now, days: 1, approverName: '', reason: '' }, ctx).ok;
    case 'expedite':
      return s.termDays !== null && expedite(s, { at: now, termDays: s.termDays - 1 }, ctx).ok;
    case 'submit':
      return submit(s, { at: now, authority: '', dueDate: shanghaiDateOf(now) }).ok;
    case 'recordOutcome':
      return recordOutcome(s, { at: now, result: 'approved', note: '' }).ok;
    case 'complete':
      return complete(s, { at: now }).ok;
  }
}

/** The commands that may run on `state` at `now`, in the order of `CASE_COMMANDS`. */
export function commandsAllowedNow(
  state: CaseState,
  ctx: TermContext,
  now: number,
  facts: { hasItem: boolean },
): CaseCommand[] {
  return CASE_COMMANDS.filter(
    (c) =>
      ALLOWED_FROM[c].includes(state.status) &&
      (facts.hasItem || !NEEDS_ITEM.includes(c)) &&
      letThrough(c, state, now, ctx),
  );
}
