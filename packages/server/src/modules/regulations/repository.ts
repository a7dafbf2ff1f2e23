import type { PolicyFields, RegulationSummary, RegulationVersion } from '@bianmin/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { Database, RegulationVersionsTable } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type VersionRow = Selectable<RegulationVersionsTable> & { code: string };

export const getVersionRow = (db: Db, id: number, lock = false) => {
  const q = db
    .selectFrom('regulation_versions as v')
    .innerJoin('regulations as r', 'r.id', 'v.regulation_id')
    .selectAll('v')
    .select('r.code')
    .where('v.id', '=', id);
  return (lock ? q.forUpdate('v') : q).executeTakeFirst();
};

/** The published version of each regulation in force on `today` (latest effective date ≤ today). */
async function inForceIds(db: Db, centerId: number, today: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('regulation_versions')
    .select(['id', 'regulation_id', 'effective_from'])
    .where('center_id', '=', centerId)
    .where('status', '=', 'published')
    .where('effective_from', '<=', today)
    .orderBy('effective_from', 'desc')
    .execute();
  const seen = new Set<number>();
  const ids = new Set<number>();
  for (const r of rows)
    if (!seen.has(r.regulation_id)) {
      seen.add(r.regulation_id);
      ids.add(r.id);
    }
  return ids;
}

export async function list(db: Db, centerId: number, today: string): Promise<RegulationSummary[]> {
  const [regs, versions, inForce] = await Promise.all([
    db
      .selectFrom('regulations')
      .selectAll()
      .where('center_id', '=', centerId)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('regulation_versions')
      .select(['id', 'regulation_id', 'seq', 'status', 'effective_from', 'policy'])
      .where('center_id', '=', centerId)
      .orderBy('seq')
      .execute(),
    inForceIds(db, centerId, today),
  ]);
  return regs.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    versions: versions
      .filter((v) => v.regulation_id === r.id)
      .map((v) => ({
        id: v.id,
        seq: v.seq,
        status: v.status,
        effectiveFrom: v.effective_from,
        inForce: inForce.has(v.id),
        hasPolicy: v.policy !== null,
      })),
  }));
}

export async function view(
  db: Db,
  row: VersionRow,
  userId: number,
  today: string,
): Promise<RegulationVersion> {
  const [comments, acks, mine, inForce] = await Promise.all([
    db
      .selectFrom('regulation_comments')
      .select(['author_name', 'body', 'at'])
      .where('version_id', '=', row.id)
      .orderBy('at')
      .execute(),
    db
      .selectFrom('regulation_acks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('version_id', '=', row.id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('regulation_acks')
      .select('user_id')
      .where('version_id', '=', row.id)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
    inForceIds(db, row.center_id, today),
  ]);
  return {
    id: row.id,
    regulationId: row.regulation_id,
    code: row.code,
    seq: row.seq,
    name: row.name,
    introduction: row.introduction,
    content: row.body,
    supplementary: row.supplementary,
    status: row.status,
    consultationUntil: row.consultation_until,
    effectiveFrom: row.effective_from,
    policy: row.policy as PolicyFields | null,
    signedByName: row.signed_by_name,
    signedAt: row.signed_at?.toISOString() ?? null,
    publishedAt: row.published_at?.toISOString() ?? null,
    comments: comments.map((c) => ({
      authorName: c.author_name,
      comment: c.body,
      at: c.at.toISOString(),
    })),
    acknowledgements: Number(acks.n),
    acknowledgedByMe: mine !== undefined,
    inForce: inForce.has(row.id),
    version: row.version,
  };
}

/** Every published policy of a center, for the money rules (the version in force per date). */
export async function publishedPolicies(db: Db, centerId: number) {
  return db
    .selectFrom('regulation_versions')
    .select(['id', 'effective_from', 'policy'])
    .where('center_id', '=', centerId)
    .where('status', '=', 'published')
    .where('policy', 'is not', null)
    .orderBy('effective_from')
    .execute();
}
