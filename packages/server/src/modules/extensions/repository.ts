import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CaseUrgesTable, Database, ExtensionRequestsTable } from '../../db/schema.ts';
import type { CaseRow } from '../cases/state.ts';

type Db = Kysely<Database>;

export type RequestRow = Selectable<ExtensionRequestsTable>;

export async function getRequest(db: Db, id: number, lock = false) {
  const q = db.selectFrom('extension_requests').selectAll().where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** The request of a case that waits for a decision, if any (at most one: a unique index). */
export async function pendingOf(db: Db, caseId: number) {
  return db
    .selectFrom('extension_requests')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Every request of a case, newest first. */
export async function ofCase(db: Db, caseId: number) {
  return db
    .selectFrom('extension_requests')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id', 'desc')
    .execute();
}

/** A center's requests: every waiting one, and (with `decidedSince`) those decided since then. */
export async function ofCenter(db: Db, centerId: number, decidedSince: Date | null) {
  return db
    .selectFrom('extension_requests')
    .selectAll()
    .where('center_id', '=', centerId)
    .where((eb) =>
      decidedSince === null
        ? eb('status', '=', 'pending')
        : eb.or([eb('status', '=', 'pending'), eb('decided_at', '>=', decidedSince)]),
    )
    .orderBy('requested_at', 'desc')
    .limit(500)
    .execute();
}

export async function insertRequest(db: Db, values: Insertable<ExtensionRequestsTable>) {
  return db
    .insertInto('extension_requests')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Writes a request if nobody changed it since it was read. */
export async function updateRequest(
  db: Db,
  id: number,
  version: number,
  set: Updateable<ExtensionRequestsTable>,
) {
  return db
    .updateTable('extension_requests')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** The cases of `ids`, whole (their state and term are computed from them). */
export async function casesByIds(db: Db, ids: readonly number[]): Promise<Map<number, CaseRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The names of the items of `ids`. */
export async function itemNames(db: Db, ids: readonly (number | null)[]) {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom('service_items')
    .select(['id', 'name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ── 催办 ────────────────────────────────────────────────────────────────────

export async function insertUrge(db: Db, values: Insertable<CaseUrgesTable>) {
  return db.insertInto('case_urges').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The urges of a case, latest first. */
export async function urgesOf(db: Db, caseId: number) {
  return db
    .selectFrom('case_urges')
    .select(['id', 'at', 'by_name', 'note'])
    .where('case_id', '=', caseId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The urges of the cases of `ids`, as (case, instant) pairs for counting. */
export async function urgesOfCases(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('case_urges')
    .select(['case_id', 'at'])
    .where('case_id', 'in', [...new Set(ids)])
    .execute();
}
