/**
 * Where each figure of 办件统计 opens: the console's lists with the filters that give exactly the
 * cases or records the figure counts (docs/statistics.md, "Click-through").
 */
import type { CaseKindFilter } from '@bianmin/contracts';
import type { Channel, SatisfactionLevel } from '@bianmin/domain';

type Query = Record<string, string | number | null | undefined>;

function withQuery(path: string, q: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== null) params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** The completed cases of a month (the on-time figures), narrowed to a group and to on time / late. */
export function closedCasesLink(
  month: string,
  f: {
    windowId?: number | null;
    itemId?: number | null;
    holderStaffId?: number | null;
    onTime?: boolean;
  } = {},
): string {
  return withQuery('/cases', {
    status: 'completed',
    closedMonth: month,
    windowId: f.windowId,
    itemId: f.itemId,
    holderStaffId: f.holderStaffId,
    onTime: f.onTime === undefined ? undefined : String(f.onTime),
  });
}

/** The cases received in a month, by channel or kind. */
export function receivedCasesLink(
  month: string,
  f: { channel?: Channel; kind?: CaseKindFilter } = {},
): string {
  return withQuery('/cases', { status: 'all', receivedMonth: month, ...f });
}

/** The ratings given in a month, of one level. */
export const ratingsLink = (month: string, level?: SatisfactionLevel) =>
  withQuery('/ratings', { month, level });

/** The public reports received in a month: all, of a stage, or the overdue ones. */
export const reportsLink = (
  month: string,
  f: { stage?: 'received' | 'replied'; overdue?: true } = {},
) => withQuery('/reports', { month, stage: f.stage, overdue: f.overdue ? 'true' : undefined });

/** The bookings whose slot is in a month, of one status. */
export const bookingsLink = (
  month: string,
  status?: 'booked' | 'arrived' | 'no_show' | 'cancelled',
) => withQuery('/appointments', { month, status });

/** The home visits asked for in a month, of one status. */
export const visitsLink = (
  month: string,
  status?: 'requested' | 'scheduled' | 'visited' | 'cancelled',
) => withQuery('/visits', { month, status });

/** A center's statistics of a month (the county's comparison links each center to it). */
export const centerStatsLink = (month: string, centerId?: number) =>
  withQuery('/stats', { month, centerId });
