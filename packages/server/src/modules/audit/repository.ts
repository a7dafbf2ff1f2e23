import type { AuditActor, AuditEntry, AuditQuery } from '@bianmin/contracts';
import { changedKeys } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export async function searchAudit(
  db: Db,
  centerId: number,
  f: AuditQuery,
): Promise<{ items: AuditEntry[]; total: number }> {
  let q = db.selectFrom('audit_log').where('center_id', '=', centerId);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  const [{ total }] = (await q.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [
    { total: number },
  ];
  const rows = await q
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: r.id,
      centerId: r.center_id,
      seq: r.seq,
      at: r.at.toISOString(),
      actorUserId: r.actor_user_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      changed: changedKeys(r.before, r.after),
      ip: r.ip,
      requestId: r.request_id,
      hash: r.hash,
    })),
  };
}

export async function auditActors(db: Db, centerId: number): Promise<AuditActor[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['actor_user_id', (eb) => eb.fn.max('actor_name').as('name')])
    .where('center_id', '=', centerId)
    .where('actor_user_id', 'is not', null)
    .groupBy('actor_user_id')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ userId: r.actor_user_id!, name: r.name }));
}
