/**
 * Completion announcements (办结公告, DOMAIN.md §4): a completed case of an item the catalog flags is
 * published on the center's public board by the end of the first working day after completion, for
 * a publication period (7 calendar days by default), with the applicant masked.
 */
import type { Timetable } from '../calendar/business-hours.ts';
import { deadline, type Deadline } from '../calendar/term.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Result } from '../shared/result.ts';
import type { ApplicantType } from './model.ts';

export const ANNOUNCEMENT_PUBLISH_DAYS = 7;
/** The longest result line the board shows. */
export const RESULT_LINE_MAX = 100;

/** Due by closing time of the first working day after the day of completion. */
export const announcementDue = (
  cal: WorkingCalendar,
  tt: Timetable,
  completedAt: number,
): Result<Deadline, string> => deadline(cal, tt, completedAt, 1);

/** A person as the board shows them: the family name and a star per other character (张*, 欧阳**); an enterprise in full. */
export function applicantShown(type: ApplicantType, name: string): string {
  const n = name.trim();
  if (type === 'enterprise') return n;
  const chars = [...n];
  if (chars.length <= 1) return n;
  // Two-character family names (复姓) keep both characters when the name is four long.
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** The result in one line: its first line, cut at RESULT_LINE_MAX characters with an ellipsis. */
export function resultLine(result: string): string {
  const first = result.trim().split(/\r?\n/)[0]?.trim() ?? '';
  const chars = [...first];
  return chars.length <= RESULT_LINE_MAX
    ? first
    : `${chars.slice(0, RESULT_LINE_MAX - 1).join('')}…`;
}

/** Late: published after its due time, or still not published (nor withheld) past it. */
export function announcementLate(
  a: { status: 'pending' | 'published' | 'withheld'; dueAt: number; publishedAt: number | null },
  nowMs: number,
): boolean {
  if (a.status === 'published') return a.publishedAt !== null && a.publishedAt > a.dueAt;
  return a.status === 'pending' && nowMs > a.dueAt;
}
