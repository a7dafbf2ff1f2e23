/**
 * Whether a person is at the post at an instant. Rules fixed here: only today's (Asia/Shanghai)
 * sign events at or before `now` count; the person is at post when the latest of them is a sign-in
 * and no approved leave or outing covers `now` ([from, to)). This says nothing about unapproved
 * absences between sign-in and sign-out, which sign-ins cannot show.
 */
import { shanghaiDayOf } from '../calendar/civil.ts';
import type { AbsenceKind, ApprovedAbsence } from './day.ts';

export interface SignEvent {
  readonly at: number;
  readonly kind: 'in' | 'out';
}

export type PostState =
  | { readonly atPost: true; readonly reason: 'signed_in' }
  | { readonly atPost: false; readonly reason: 'not_signed_in' | 'signed_out' }
  | { readonly atPost: false; readonly reason: 'away'; readonly absence: AbsenceKind };

export function atPostNow(
  signs: readonly SignEvent[],
  absences: readonly ApprovedAbsence[],
  now: number,
): PostState {
  const today = shanghaiDayOf(now);
  let latest: SignEvent | undefined;
  for (const s of signs) {
    if (s.at > now || shanghaiDayOf(s.at) !== today) continue;
    // Same instant: a sign-out wins (the conservative reading).
    if (!latest || s.at > latest.at || (s.at === latest.at && s.kind === 'out')) latest = s;
  }
  if (!latest) return { atPost: false, reason: 'not_signed_in' };
  if (latest.kind === 'out') return { atPost: false, reason: 'signed_out' };
  const away = absences.find((a) => a.from <= now && now < a.to);
  if (away) return { atPost: false, reason: 'away', absence: away.kind };
  return { atPost: true, reason: 'signed_in' };
}
