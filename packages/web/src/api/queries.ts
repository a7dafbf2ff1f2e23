import { useQuery } from '@tanstack/react-query';
import { useCenterScope } from '../center/scope.ts';
import { api, keys } from './endpoints.ts';

/** Center-scoped lists, shared by the pages and by the selects that pick from them. */
export function useWindowUnitsQuery(enabled = true) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: keys.windowUnits(scope.centerId),
    queryFn: () => api.windowUnits.list(scope.query),
    enabled: scope.ready && enabled,
  });
}

export function useWindowsQuery(enabled = true) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: keys.windows(scope.centerId),
    queryFn: () => api.windows.list(scope.query),
    enabled: scope.ready && enabled,
  });
}

/** Staff for the page's table: a search text and whether to show those who have left. */
export function useStaffQuery(q = '', includeLeft = false, enabled = true) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: keys.staff(scope.centerId, q, includeLeft),
    queryFn: () => api.staff.list({ ...scope.query, q: q || undefined, includeLeft }),
    enabled: scope.ready && enabled,
    placeholderData: (previous) => previous,
  });
}

export function useUsersQuery(enabled = true) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: keys.users(scope.centerId),
    queryFn: () => api.users.list(scope.query),
    enabled: scope.ready && enabled,
  });
}

/** The calendar's years, the years it lacks and the timetable. */
export function useCalendarQuery(enabled = true) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: keys.calendar(scope.centerId),
    queryFn: () => api.calendar.overview(scope.query),
    enabled: scope.ready && enabled,
  });
}

/** One year's days; `year` null while none is asked for. */
export function useCalendarYearQuery(year: number | null) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: keys.calendarYear(scope.centerId, year ?? 0),
    queryFn: () => api.calendar.year(scope.query, year!),
    enabled: scope.ready && year !== null,
  });
}
