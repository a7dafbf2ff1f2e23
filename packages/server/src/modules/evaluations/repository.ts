import type { EvaluationFinding } from '@bianmin/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, EvaluationsTable } from '../../db/schema.ts';
import { staffOf } from '../settlements/repository.ts';

type Db = Kysely<Database>;

export const yearRange = (year: number) => ({
  first: `${String(year)}-01-01`,
  last: `${String(year)}-12-31`,
});

/** Window staff of the center in post at some time in the year (those the evaluation covers). */
export async function staffOfYear(db: Db, centerId: number, year: number, only?: number) {
  const { first, last } = yearRange(year);
  const people = await staffOf(db, centerId, first, last);
  return only === undefined ? people : people.filter((p) => p.id === only);
}
export type Person = Awaited<ReturnType<typeof staffOfYear>>[number];

export interface FindingRow extends EvaluationFinding {
  readonly description: string;
}

/** Every finding of these people (the domain keeps those of the year and not revoked). */
export async function findingsOf(db: Db, staffIds: number[]): Promise<Map<number, FindingRow[]>> {
  const rows =
    staffIds.length === 0
      ? []
      : await db
          .selectFrom('findings')
          .select([
            'id',
            'staff_id',
            'date',
            'level',
            'circulated',
            'item',
            'revoked',
            'source',
            'serious',
            'description',
          ])
          .where('staff_id', 'in', staffIds)
          .orderBy('date')
          .orderBy('id')
          .execute();
  const out = new Map<number, FindingRow[]>();
  for (const r of rows) {
    const list = out.get(r.staff_id) ?? [];
    list.push({
      id: String(r.id),
      personId: r.staff_id,
      date: r.date,
      level: r.level,
      circulated: r.circulated,
      item: r.item as EvaluationFinding['item'],
      revoked: r.revoked,
      source: r.source,
      serious: r.serious,
      description: r.description,
    });
    out.set(r.staff_id, list);
  }
  return out;
}

/**
 * Overdue cases of the year per person: the early-warning candidates (办件超期: closed late or still
 * open past the term) whose deadline fell in the year (Asia/Shanghai), unless the group dismissed
 * them as not the person's fault.
 */
export async function overdueCounts(
  db: Db,
  centerId: number,
  staffIds: number[],
  year: number,
): Promise<Map<number, number>> {
  if (staffIds.length === 0) return new Map();
  const from = new Date(`${String(year)}-01-01T00:00:00+08:00`);
  const to = new Date(`${String(year + 1)}-01-01T00:00:00+08:00`);
  const rows = await db
    .selectFrom('violation_candidates')
    .select(['staff_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('center_id', '=', centerId)
    .where('staff_id', 'in', staffIds)
    .where('status', '<>', 'dismissed')
    .where('deadline_at', '>=', from)
    .where('deadline_at', '<', to)
    .groupBy('staff_id')
    .execute();
  return new Map(rows.map((r) => [r.staff_id!, Number(r.n)]));
}

/** The candidates of these people the group has not decided yet (any year: the domain picks). */
export async function pendingCandidatesOf(db: Db, centerId: number, staffIds: number[]) {
  const rows =
    staffIds.length === 0
      ? []
      : await db
          .selectFrom('violation_candidates as v')
          .innerJoin('cases as c', 'c.id', 'v.case_id')
          .leftJoin('service_items as i', 'i.id', 'c.item_id')
          .select(['v.id', 'v.staff_id', 'v.kind', 'v.deadline_at', 'c.receipt_no', 'i.name'])
          .where('v.center_id', '=', centerId)
          .where('v.staff_id', 'in', staffIds)
          .where('v.status', '=', 'pending')
          .execute();
  const out = new Map<number, OpenCandidateRow[]>();
  for (const r of rows) {
    const list = out.get(r.staff_id!) ?? [];
    list.push({
      id: r.id,
      deadlineAt: r.deadline_at.getTime(),
      receiptNo: r.receipt_no,
      itemName: r.name,
      kind: r.kind,
    });
    out.set(r.staff_id!, list);
  }
  return out;
}
export interface OpenCandidateRow {
  id: number;
  deadlineAt: number;
  receiptNo: string;
  itemName: string | null;
  kind: 'open_overdue' | 'completed_late';
}

export type EvaluationRow = Selectable<EvaluationsTable>;

/** Every revision of these people's evaluations of the year, oldest first. */
export async function revisionsOf(
  db: Db,
  staffIds: number[],
  year: number,
): Promise<Map<number, EvaluationRow[]>> {
  const rows =
    staffIds.length === 0
      ? []
      : await db
          .selectFrom('evaluations')
          .selectAll()
          .where('staff_id', 'in', staffIds)
          .where('year', '=', year)
          .orderBy('revision')
          .execute();
  const out = new Map<number, EvaluationRow[]>();
  for (const r of rows) out.set(r.staff_id, [...(out.get(r.staff_id) ?? []), r]);
  return out;
}

export async function latestRevision(db: Db, staffId: number, year: number) {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('year', '=', year)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function getRevision(db: Db, id: number) {
  return db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Staff with a rating appeal of the year still pending. */
export async function pendingRatingAppeals(db: Db, staffIds: number[], year: number) {
  if (staffIds.length === 0) return new Set<number>();
  const rows = await db
    .selectFrom('appeals')
    .select('staff_id')
    .where('subject', '=', 'rating')
    .where('year', '=', year)
    .where('status', '=', 'pending')
    .where('staff_id', 'in', staffIds)
    .execute();
  return new Set(rows.map((r) => r.staff_id));
}

export async function insertRevision(
  db: Db,
  row: Omit<EvaluationRow, 'id' | 'summary'> & { summary: unknown },
): Promise<EvaluationRow> {
  return db
    .insertInto('evaluations')
    .values({ ...row, summary: JSON.stringify(row.summary) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Serialises decisions on one person's evaluation (the staff row is the lock). */
export async function lockStaff(db: Db, staffId: number) {
  await sql`select id from staff where id = ${staffId} for update`.execute(db);
}
