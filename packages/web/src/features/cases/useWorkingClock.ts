import { useEffect, useMemo, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { buildCalendar, buildTimetable } from '@bianmin/domain';
import { api, keys } from '../../api/endpoints.ts';
import { useCalendarQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { nowMs, todayInCenter } from '../../lib/time.ts';
import type { WorkingClock } from './countdown.ts';

/**
 * The center's calendar and hours, to count the working days a case has left. Loads the years from
 * last year to two years ahead that the center has entered; null until they are there (the
 * countdown then counts plain days).
 */
export function useWorkingClock(): WorkingClock | null {
  const scope = useCenterScope();
  const canRead = useCan('calendar.read');
  const overview = useCalendarQuery(canRead);
  const thisYear = todayInCenter().year();
  const years = (overview.data?.years ?? [])
    .map((y) => y.year)
    .filter((y) => y >= thisYear - 1 && y <= thisYear + 2);
  const details = useQueries({
    queries: years.map((year) => ({
      queryKey: keys.calendarYear(scope.centerId, year),
      queryFn: () => api.calendar.year(scope.query, year),
      enabled: scope.ready && canRead,
      staleTime: 10 * 60_000,
    })),
  });
  const loaded = details.every((d) => d.isSuccess);
  const dataKey = details.map((d) => d.dataUpdatedAt).join(',');
  const seasons = overview.data?.seasons;
  return useMemo(() => {
    if (!seasons || !loaded) return null;
    const cal = buildCalendar(
      details.flatMap((d) =>
        d.data
          ? [
              {
                year: d.data.year,
                holidays: d.data.holidays.map((h) => h.date),
                workdays: d.data.workdays.map((w) => w.date),
              },
            ]
          : [],
      ),
    );
    const tt = buildTimetable(
      seasons.map((s) => ({ from: s.from, hours: { open: s.open, close: s.close } })),
    );
    return cal.ok && tt.ok ? { cal: cal.value, tt: tt.value } : null;
    // `details` changes identity each render; its data is keyed by `dataKey`.
  }, [seasons, loaded, dataKey]);
}

/** The time now, ticking every `everyMs` (30 s by default) so countdowns stay live. */
export function useNow(everyMs = 30_000, offsetMs = 0): number {
  const [now, setNow] = useState(nowMs);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(nowMs()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now + offsetMs;
}
