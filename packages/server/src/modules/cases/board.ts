import type { Board, Workbench } from '@bianmin/contracts';
import { shanghaiDateOf, shanghaiMonthBounds } from '@bianmin/domain';
import { lateThisMonth } from '../announcements/service.ts';
import { boardFigures } from '../ratings/service.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { overview } from '../calendar/service.ts';
import { termCounts } from '../inbox/terms.ts';
import { urgeCountsOf } from '../extensions/service.ts';
import * as repo from './repository.ts';

/** Midnight at the start of an Asia/Shanghai date, as an instant. */
const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The clerk's workbench: my open cases (nearest deadline first), today's visitors, the counts. */
export async function workbench(
  deps: Deps,
  user: SessionUser,
  centerId: number,
): Promise<Workbench> {
  const now = deps.clock.now();
  const staffId = user.staffId;
  const today = shanghaiMidnight(shanghaiDateOf(now.getTime()));
  const [myOpen, todays, calendar] = await Promise.all([
    staffId === null ? [] : repo.openHeldBy(deps.db, staffId, now),
    staffId === null ? [] : repo.receivedSince(deps.db, staffId, today, now),
    overview(deps, centerId),
  ]);
  return {
    now: now.toISOString(),
    staffId,
    myOpen,
    today: todays,
    counts: {
      open: myOpen.length,
      yellow: myOpen.filter((c) => c.light === 'yellow').length,
      red: myOpen.filter((c) => c.light === 'red').length,
      today: todays.length,
    },
    missingYears: calendar.missingYears,
  };
}

/**
 * Public reports past the date the group had to decide by (DOMAIN.md §5), oldest first: only when
 * and how late — who reported and whom it is about stay with the assessment group.
 */
async function overdueReports(deps: Deps, centerId: number, now: Date) {
  const rows = await deps.db
    .selectFrom('public_reports')
    .select(['id', 'received_at', 'decide_due_at'])
    .where('center_id', '=', centerId)
    .where('status', '=', 'received')
    .where('decide_due_at', '<', now)
    .orderBy('decide_due_at')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at.toISOString(),
    decideDueAt: r.decide_due_at!.toISOString(),
  }));
}

/**
 * The director's board: open cases by window and item with their lights, overdue, what awaits a
 * petition decision or the higher authority, on-time rates.
 */
export async function board(deps: Deps, centerId: number, month?: string): Promise<Board> {
  const now = deps.clock.now();
  const shown = month ?? shanghaiDateOf(now.getTime()).slice(0, 7);
  const [from, to] = shanghaiMonthBounds(shown)!.map((ms) => new Date(ms)) as [Date, Date];
  const [open, late, soon, waiting, rates, calendar, reportsLate, announcementsLate, ratings] =
    await Promise.all([
      repo.boardOpen(deps.db, centerId, now),
      repo.overdue(deps.db, centerId, now),
      repo.dueSoon(deps.db, centerId, now),
      repo.awaiting(deps.db, centerId, now),
      repo.monthRates(deps.db, centerId, from, to),
      overview(deps, centerId),
      overdueReports(deps, centerId, now),
      lateThisMonth(deps.db, centerId, from, to, now),
      boardFigures(deps.db, centerId, from, to, now),
    ]);
  return {
    now: now.toISOString(),
    month: shown,
    totals: open.totals,
    byWindow: open.byWindow,
    byItem: open.byItem,
    overdue: late,
    dueSoon: soon,
    urged: await urgeCountsOf(
      deps.db,
      [...late, ...soon, ...waiting].map((c) => c.id),
    ),
    awaiting: waiting,
    monthByWindow: rates.byWindow,
    monthByItem: rates.byItem,
    missingYears: calendar.missingYears,
    reportsOverdue: reportsLate,
    announcementsLate,
    ratingsMonth: ratings.ratingsMonth,
    ratingFollowUpsOverdue: ratings.followUpsOverdue,
    decidingTerms: await termCounts(deps.db, centerId, now),
  };
}
