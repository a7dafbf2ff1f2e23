import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useCenterScope } from '../center/scope.ts';
import type { CenterQuery } from './client.ts';
import { api, keys } from './endpoints.ts';

/**
 * A query on the chosen center: keyed by it, and held back until there is one (a county admin picks
 * it) and `enabled`. The other options pass through to `useQuery`.
 */
export function useCenterQuery<T, K extends QueryKey>(
  key: (centerId: number | null) => K,
  fetch: (scope: CenterQuery) => Promise<T>,
  {
    enabled = true,
    ...options
  }: Omit<UseQueryOptions<T, Error, T, K>, 'queryKey' | 'queryFn' | 'enabled'> & {
    enabled?: boolean;
  } = {},
) {
  const scope = useCenterScope();
  return useQuery({
    ...options,
    queryKey: key(scope.centerId),
    queryFn: () => fetch(scope.query),
    enabled: scope.ready && enabled,
  });
}

/** Center-scoped lists, shared by the pages and by the selects that pick from them. */
export function useWindowUnitsQuery(enabled = true) {
  return useCenterQuery(keys.windowUnits, api.windowUnits.list, { enabled });
}

export function useWindowsQuery(enabled = true) {
  return useCenterQuery(keys.windows, api.windows.list, { enabled });
}

/** Staff for the page's table: a search text and whether to show those who have left. */
export function useStaffQuery(q = '', includeLeft = false, enabled = true) {
  return useCenterQuery(
    (centerId) => keys.staff(centerId, q, includeLeft),
    (scope) => api.staff.list({ ...scope, q: q || undefined, includeLeft }),
    { enabled, placeholderData: (previous) => previous },
  );
}

export function useUsersQuery(enabled = true) {
  return useCenterQuery(keys.users, api.users.list, { enabled });
}

/** The calendar's years, the years it lacks and the timetable. */
export function useCalendarQuery(enabled = true) {
  return useCenterQuery(keys.calendar, api.calendar.overview, { enabled });
}

/** One year's days; `year` null while none is asked for. */
export function useCalendarYearQuery(year: number | null) {
  return useCenterQuery(
    (centerId) => keys.calendarYear(centerId, year ?? 0),
    (scope) => api.calendar.year(scope, year!),
    { enabled: year !== null },
  );
}
