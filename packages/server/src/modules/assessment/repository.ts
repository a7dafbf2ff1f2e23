import type { Finding, Inspection } from '@bianmin/contracts';
import type { Insertable, Kysely } from 'kysely';
import type { Database, FindingsTable } from '../../db/schema.ts';
import { pageOf } from '../../db/page.ts';
import { evidenceFileName } from './evidence.ts';

type Db = Kysely<Database>;

function findings(db: Db) {
  return db
    .selectFrom('findings as f')
    .innerJoin('staff as s', 's.id', 'f.staff_id')
    .selectAll('f')
    .select('s.name as staff_name');
}
type FindingRow = Awaited<ReturnType<ReturnType<typeof findings>['executeTakeFirstOrThrow']>>;

async function withEvidence(db: Db, rows: FindingRow[]): Promise<Finding[]> {
  const ids = rows.map((r) => r.id);
  const files =
    ids.length === 0
      ? []
      : await db
          .selectFrom('evidence_files')
          .select(['id', 'finding_id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'at'])
          .where('finding_id', 'in', ids)
          .orderBy('id')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    centerId: r.center_id,
    staffId: r.staff_id,
    staffName: r.staff_name,
    source: r.source,
    inspectionId: r.inspection_id,
    violationCandidateId: r.violation_candidate_id,
    date: r.date,
    level: r.level,
    circulated: r.circulated,
    item: r.item,
    description: r.description,
    serious: r.serious,
    recordedByStaffId: r.recorded_by_staff_id,
    revoked: r.revoked,
    voided:
      r.voided_at === null
        ? null
        : {
            byName: r.voided_by_name ?? '',
            at: r.voided_at.toISOString(),
            reason: r.void_reason ?? '',
          },
    evidence: files
      .filter((f) => f.finding_id === r.id)
      .map((f) => ({
        id: f.id,
        fileName: evidenceFileName(f.file_name, f.media_type),
        mediaType: f.media_type,
        sizeBytes: f.size_bytes,
        sha256: f.sha256,
        at: f.at.toISOString(),
      })),
    version: r.version,
  }));
}

export async function insertFinding(db: Db, values: Insertable<FindingsTable>) {
  const { id } = await db
    .insertInto('findings')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function getFinding(db: Db, id: number, lock = false) {
  const q = findings(db).where('f.id', '=', id);
  const row = await (lock ? q.forUpdate('f') : q).executeTakeFirst();
  return row && (await withEvidence(db, [row]))[0];
}

/** Findings of a center, of some staff only (`null`: all), newest first. */
export async function listFindings(
  db: Db,
  centerId: number,
  staffIds: number[] | null,
  q: { staffId?: number; year?: number; page: number; pageSize: number },
) {
  let base = findings(db).where('f.center_id', '=', centerId);
  if (staffIds !== null) base = base.where('f.staff_id', 'in', staffIds.length ? staffIds : [0]);
  if (q.staffId) base = base.where('f.staff_id', '=', q.staffId);
  if (q.year)
    base = base.where('f.date', '>=', `${q.year}-01-01`).where('f.date', '<=', `${q.year}-12-31`);
  const { rows, total } = await pageOf(
    base,
    base.orderBy('f.date', 'desc').orderBy('f.id', 'desc'),
    q,
  );
  return { items: await withEvidence(db, rows), total };
}

/** Who recorded a finding, as the rule "not by the recorder alone" needs it. */
export async function recorderOf(db: Db, id: number) {
  return db
    .selectFrom('findings')
    .select(['recorded_by_user_id', 'recorded_by_staff_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Whether an appeal against the finding (itself, or a settlement line about it) is pending. */
export async function appealPendingOn(db: Db, findingId: number): Promise<boolean> {
  const row = await db
    .selectFrom('appeals')
    .select('id')
    .where((eb) => eb.or([eb('finding_id', '=', findingId), eb('line_finding_id', '=', findingId)]))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the person's rating of the year has been decided. */
export async function isRated(db: Db, staffId: number, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('evaluations')
    .select('id')
    .where('staff_id', '=', staffId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row !== undefined;
}

/** Voids a finding: it counts for nothing from now on, and says who voided it, when and why. */
export async function voidFinding(
  db: Db,
  id: number,
  version: number,
  v: { at: Date; userId: number; staffId: number | null; name: string; reason: string },
) {
  await db
    .updateTable('findings')
    .set((eb) => ({
      revoked: true,
      voided_at: v.at,
      voided_by_user_id: v.userId,
      voided_by_staff_id: v.staffId,
      voided_by_name: v.name,
      void_reason: v.reason,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .execute();
}

export async function getInspection(db: Db, id: number): Promise<Inspection | undefined> {
  const row = await db
    .selectFrom('inspections')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const rows = await findings(db).where('f.inspection_id', '=', id).orderBy('f.id').execute();
  return {
    id: row.id,
    centerId: row.center_id,
    level: row.level,
    inspectedOn: row.inspected_on,
    inspectors: row.inspectors,
    note: row.note,
    findings: await withEvidence(db, rows),
    version: row.version,
  };
}

export async function listInspections(db: Db, centerId: number) {
  const rows = await db
    .selectFrom('inspections')
    .select('id')
    .where('center_id', '=', centerId)
    .orderBy('inspected_on', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return Promise.all(rows.map(async (r) => (await getInspection(db, r.id))!));
}

export async function getEvidence(db: Db, id: number) {
  return db
    .selectFrom('evidence_files as e')
    .innerJoin('findings as f', 'f.id', 'e.finding_id')
    .select([
      'e.id',
      'e.center_id',
      'e.file_name',
      'e.media_type',
      'e.content',
      'e.purged_at',
      'f.staff_id',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}
