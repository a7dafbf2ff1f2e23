import type { CaseQuery } from '@bianmin/contracts';
import { ACCEPTED_CASE_KINDS, shanghaiDateOf, shanghaiMonthBounds } from '@bianmin/domain';
import { sql, type RawBuilder } from 'kysely';

type Filters = Pick<CaseQuery, 'closedMonth' | 'receivedMonth' | 'onTime' | 'channel' | 'kind'>;

const monthOf = (month: string) => shanghaiMonthBounds(month)!.map((ms) => new Date(ms));

/**
 * The case list's filters of the lists behind the statistics (docs/statistics.md), on cases aliased
 * `c`: the same conditions as the figures' SQL (repository.ts), so a figure and its list agree.
 * Null when none is set. (`holderStaffId` is the list's own filter, shared with 我的办件.)
 */
export function statsFilterSql(q: Filters): RawBuilder<boolean> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (q.closedMonth) {
    const [from, to] = monthOf(q.closedMonth);
    parts.push(sql`c.closed_at >= ${from} and c.closed_at < ${to}`);
  }
  if (q.receivedMonth) {
    const [from, to] = monthOf(q.receivedMonth);
    parts.push(sql`c.received_at >= ${from} and c.received_at < ${to}`);
  }
  if (q.onTime === 'true') parts.push(sql`c.status = 'completed' and c.on_time is true`);
  if (q.onTime === 'false') parts.push(sql`c.status = 'completed' and c.on_time is not true`);
  if (q.channel) parts.push(sql`c.channel = ${q.channel}`);
  if (q.kind) parts.push(sql`(${caseKindSql}) in (${sql.join(kindsOf(q.kind))})`);
  return parts.length === 0 ? null : sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

const kindsOf = (kind: NonNullable<Filters['kind']>): string[] =>
  kind === 'accepted' ? [...ACCEPTED_CASE_KINDS] : [kind];

/** The kind of a case as it stands now, in SQL: domain `caseKindOf`. */
export const caseKindSql = sql<string>`case
  when c.status = 'answered' then 'inquiry'
  when c.status = 'returned' then 'returned'
  when c.accepted_kind is not null then c.accepted_kind
  when c.status = 'awaiting_materials' then 'supplement'
  else 'unclassified' end`;

/**
 * The report list's filters behind the complaint figures, on public_reports aliased `r`: received
 * in the month; overdue (domain `isReportOverdue`: decided after the term, or undecided past it).
 */
export function reportFilterSql(
  q: { month?: string | undefined; overdue?: 'true' | undefined },
  now: Date,
): RawBuilder<boolean> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (q.month) {
    const [from, to] = monthOf(q.month);
    parts.push(sql`r.received_at >= ${from} and r.received_at < ${to}`);
  }
  if (q.overdue === 'true')
    parts.push(
      sql`r.decide_due_at is not null and coalesce(r.decided_at, ${now}) > r.decide_due_at`,
    );
  return parts.length === 0 ? null : sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** The first and last dates of a month 'YYYY-MM' (Asia/Shanghai), for columns holding a date. */
export function datesOfMonth(month: string): { first: string; last: string } {
  const [from, to] = shanghaiMonthBounds(month)!;
  return { first: shanghaiDateOf(from), last: shanghaiDateOf(to - 1) };
}

/** The instants of a month, for columns holding an instant. */
export const instantsOfMonth = (month: string) => monthOf(month) as [Date, Date];
