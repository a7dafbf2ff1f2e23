import { DATE_FORMAT, dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import type { Announcement, PublishBody } from './api.ts';

const L = t.announcements;

/** Still to publish and past its due time: the list marks it 已超期 in red. */
export const isOverdue = (a: Pick<Announcement, 'status' | 'late'>): boolean =>
  a.status === 'pending' && a.late;

/** What 公告 sends: the result line only when the clerk changed it (trimmed). */
export function publishBody(
  a: Pick<Announcement, 'version' | 'resultLine'>,
  resultLine: string,
): PublishBody {
  const line = resultLine.trim();
  return line === a.resultLine.trim() || line === ''
    ? { version: a.version }
    : { version: a.version, resultLine: line };
}

/** The last day on the board of an announcement published on `from` (YYYY-MM-DD) for `days` days. */
export function boardUntil(from: string, days: number): string {
  return dayjs(from).add(days, 'day').format(DATE_FORMAT);
}

/**
 * The lines under the state's tag: who published it, when, and until when it stays on the board;
 * or who withheld it and why. `format` shows an instant in Beijing time.
 */
export function stateLines(
  a: Pick<
    Announcement,
    | 'status'
    | 'late'
    | 'publishedAt'
    | 'publishedByName'
    | 'until'
    | 'withheldReason'
    | 'withheldByName'
  >,
  format: (iso: string) => string,
): string[] {
  switch (a.status) {
    case 'pending':
      return [];
    case 'published': {
      const lines: string[] = [];
      if (a.publishedAt) lines.push(L.publishedAt(format(a.publishedAt), a.publishedByName));
      if (a.until) lines.push(L.until(format(a.until)));
      if (a.late) lines.push(L.publishedLate);
      return lines;
    }
    case 'withheld':
      return [
        ...(a.withheldReason ? [L.withheldReason(a.withheldReason)] : []),
        ...(a.withheldByName ? [L.withheldBy(a.withheldByName)] : []),
      ];
  }
}
