import type { CenterStats, CountyStats } from '@bianmin/contracts';
import {
  averageWorkingMinutes,
  CASE_KINDS,
  CHANNELS,
  isSatisfactionLevel,
  monthOfInstant,
  monthsEnding,
  noShowRatePercent,
  onTimeFigure,
  satisfactionOfCounts,
  shanghaiDateOf,
  shanghaiMonthBounds,
  workingTimeUsed,
  type CaseKind,
  type Channel,
  type SatisfactionLevel,
  type TermContext,
} from '@bianmin/domain';
import { statsDb, type Deps } from '../../http/context.ts';
import { centerName } from '../cases/repository.ts';
import { loadTermContext } from '../cases/term-context.ts';
import * as repo from './repository.ts';

/** How many months the on-time trend shows, ending with the month asked for. */
export const TREND_MONTHS = 12;

const spanOf = (month: string): repo.Span => {
  const [from, to] = shanghaiMonthBounds(month)!;
  return { from: new Date(from), to: new Date(to) };
};
/** The first and last dates of a month (a booking's slot is a date). */
const daysOf = (span: repo.Span) => ({
  first: shanghaiDateOf(span.from.getTime()),
  last: shanghaiDateOf(span.to.getTime() - 1),
});

export const monthShown = (deps: Deps, month: string | undefined) =>
  month ?? monthOfInstant(deps.clock.now().getTime());

/** The on-time rate of each of the 12 months ending with `month`. */
export async function trend(deps: Deps, centerId: number, month: string) {
  const months = monthsEnding(month, TREND_MONTHS);
  const counts = await repo.trend(statsDb(deps), centerId, months.map(spanOf));
  return months.map((m, i) => ({ month: m, ...onTimeFigure(counts[i]!) }));
}

/** Working time of each completed case (pauses out), with the years counted without a calendar. */
function timed(rows: readonly repo.TimedRow[], ctxOf: (centerId: number) => TermContext) {
  const missing = new Set<number>();
  const out: { row: repo.TimedRow; millis: number }[] = [];
  for (const row of rows) {
    if (row.clockStartAt === null) continue;
    const ctx = ctxOf(row.centerId);
    const used = workingTimeUsed(ctx.cal, ctx.tt, {
      clockStartAt: row.clockStartAt.getTime(),
      closedAt: row.closedAt.getTime(),
      pauses: row.pauses.map((p) => ({
        from: Date.parse(p.from),
        to: p.to === null ? null : Date.parse(p.to),
      })),
    });
    if (!used.ok) continue;
    for (const y of used.value.missingYears) missing.add(y);
    out.push({ row, millis: used.value.millis });
  }
  return { cases: out, missingYears: [...missing].sort((a, b) => a - b) };
}

/** The average working minutes of the timed cases, by a key. */
function averageBy<K>(
  cases: readonly { row: repo.TimedRow; millis: number }[],
  keyOf: (r: repo.TimedRow) => K,
): Map<K, number | null> {
  const by = new Map<K, number[]>();
  for (const c of cases) {
    const k = keyOf(c.row);
    by.set(k, [...(by.get(k) ?? []), c.millis]);
  }
  return new Map([...by].map(([k, ms]) => [k, averageWorkingMinutes(ms).minutes]));
}

function ratingFigures(rows: readonly { level: string; excluded: boolean; count: number }[]) {
  const counted: Partial<Record<SatisfactionLevel, number>> = {};
  let excluded = 0;
  for (const r of rows) {
    if (r.excluded) excluded += r.count;
    else if (isSatisfactionLevel(r.level)) counted[r.level] = (counted[r.level] ?? 0) + r.count;
  }
  return satisfactionOfCounts(counted, excluded);
}

function bookingFigures(rows: readonly { status: string; count: number }[]) {
  const of = (s: string) => rows.filter((r) => r.status === s).reduce((t, r) => t + r.count, 0);
  const c = {
    booked: rows.reduce((t, r) => t + r.count, 0),
    arrived: of('arrived'),
    noShow: of('no_show'),
    cancelled: of('cancelled'),
    pending: of('booked'),
  };
  return { ...c, noShowRatePercent: noShowRatePercent(c) };
}

function visitFigures(rows: readonly { status: string; count: number }[]) {
  const of = (s: string) => rows.filter((r) => r.status === s).reduce((t, r) => t + r.count, 0);
  return {
    total: rows.reduce((t, r) => t + r.count, 0),
    requested: of('requested'),
    scheduled: of('scheduled'),
    visited: of('visited'),
    cancelled: of('cancelled'),
  };
}

const NO_COMPLAINTS = { received: 0, undecided: 0, replied: 0, overdue: 0 };

/** A center's figures of a month (docs/statistics.md). */
export async function centerStats(
  deps: Deps,
  centerId: number,
  month: string | undefined,
): Promise<CenterStats> {
  const now = deps.clock.now();
  const shown = monthShown(deps, month);
  const span = spanOf(shown);
  const ids = [centerId];
  const db = statsDb(deps);
  const [name, months, groups, rows, ctx, vol, rated, reports, booked, visited] = await Promise.all(
    [
      centerName(db, centerId),
      trend(deps, centerId, shown),
      repo.onTimeGroups(db, centerId, span),
      repo.timedCases(db, ids, span),
      loadTermContext(db, centerId),
      repo.volume(db, centerId, span),
      repo.ratings(db, ids, span),
      repo.complaints(db, ids, span, now),
      repo.bookings(db, ids, daysOf(span)),
      repo.visits(db, ids, span),
    ],
  );
  const { cases, missingYears } = timed(rows, () => ctx);
  const avg = <K>(keyOf: (r: repo.TimedRow) => K) => averageBy(cases, keyOf);
  const [byWindow, byItem, byPerson] = [
    avg((r) => r.windowId),
    avg((r) => r.itemId),
    avg((r) => r.staffId),
  ];
  const received = vol.byChannel.reduce((t, r) => t + r.count, 0);
  const channelCount = new Map(vol.byChannel.map((r) => [r.channel, r.count]));
  const kindCount = new Map(vol.byKind.map((r) => [r.kind, r.count]));
  return {
    now: now.toISOString(),
    centerId,
    centerName: name,
    month: shown,
    trend: months,
    total: {
      ...onTimeFigure(groups.total),
      avgWorkingMinutes: averageWorkingMinutes(cases.map((c) => c.millis)).minutes,
    },
    byWindow: groups.byWindow.map((g) => ({
      windowId: g.key,
      windowName: g.name ?? '未分配窗口',
      ...onTimeFigure(g),
      avgWorkingMinutes: byWindow.get(g.key) ?? null,
    })),
    byItem: groups.byItem.map((g) => ({
      itemId: g.key,
      itemName: g.name ?? '（目录外事项）',
      ...onTimeFigure(g),
      avgWorkingMinutes: byItem.get(g.key) ?? null,
    })),
    byPerson: groups.byPerson.map((g) => ({
      staffId: g.key,
      staffName: g.name ?? '（无承办人）',
      ...onTimeFigure(g),
      avgWorkingMinutes: byPerson.get(g.key) ?? null,
    })),
    volume: {
      received,
      // Every channel and every kind, in their fixed order, zero included: the charts keep their
      // places from month to month.
      byChannel: CHANNELS.map((c: Channel) => ({ channel: c, count: channelCount.get(c) ?? 0 })),
      byKind: CASE_KINDS.map((k: CaseKind) => ({ kind: k, count: kindCount.get(k) ?? 0 })),
    },
    ratings: ratingFigures(rated),
    complaints: reports[0]
      ? {
          received: reports[0].received,
          undecided: reports[0].undecided,
          replied: reports[0].replied,
          overdue: reports[0].overdue,
        }
      : NO_COMPLAINTS,
    appointments: bookingFigures(booked),
    visits: visitFigures(visited),
    missingYears,
  };
}

/** Every center side by side for a month (the county admin). */
export async function countyStats(deps: Deps, month: string | undefined): Promise<CountyStats> {
  const now = deps.clock.now();
  const shown = monthShown(deps, month);
  const span = spanOf(shown);
  const db = statsDb(deps);
  const centers = await repo.centers(db);
  const ids = centers.map((c) => c.id);
  if (ids.length === 0) return { now: now.toISOString(), month: shown, centers: [] };
  const [cases, rows, contexts, rated, reports, booked, visited] = await Promise.all([
    repo.countyCases(db, ids, span),
    repo.timedCases(db, ids, span),
    Promise.all(ids.map((id) => loadTermContext(db, id))),
    repo.ratings(db, ids, span),
    repo.complaints(db, ids, span, now),
    repo.bookings(db, ids, daysOf(span)),
    repo.visits(db, ids, span),
  ]);
  const ctx = new Map(ids.map((id, i) => [id, contexts[i]!]));
  const worked = timed(rows, (id) => ctx.get(id)!);
  const avg = averageBy(worked.cases, (r) => r.centerId);
  return {
    now: now.toISOString(),
    month: shown,
    centers: centers.map((c) => {
      const ratings = ratingFigures(rated.filter((r) => r.centerId === c.id));
      const report = reports.find((r) => r.centerId === c.id) ?? NO_COMPLAINTS;
      const bookings = bookingFigures(booked.filter((r) => r.centerId === c.id));
      return {
        centerId: c.id,
        centerName: c.name,
        ...onTimeFigure(cases.done.get(c.id) ?? { closed: 0, onTime: 0 }),
        avgWorkingMinutes: avg.get(c.id) ?? null,
        received: cases.received.get(c.id) ?? 0,
        ratings: ratings.total,
        satisfactionPercent: ratings.ratePercent,
        complaints: report.received,
        complaintsOverdue: report.overdue,
        booked: bookings.booked,
        noShow: bookings.noShow,
        visits: visitFigures(visited.filter((r) => r.centerId === c.id)).total,
      };
    }),
  };
}
