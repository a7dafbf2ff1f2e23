import {
  maskContact,
  maskIdentifier,
  maskName,
  maskPhone,
  RETENTION_KINDS,
  retentionCutoff,
  type RetentionKind,
} from '@bianmin/domain';
import { sql, type RawBuilder } from 'kysely';
import { systemActor, write, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';

/**
 * The retention job (issue 12, docs/privacy.md): personal data past its kind's days is masked or
 * removed, batch by batch, each batch in one transaction with an audit entry per center naming the
 * kind, the table, how many records and which (never the values). Rows are claimed with
 * `FOR UPDATE SKIP LOCKED` and only unmasked values are selected, so several servers running it at
 * once never do a row twice, and a second run finds nothing.
 */

const BATCH = 500;

type Masker = (value: string) => string | null;

interface Target {
  kind: RetentionKind;
  table: string;
  /** When the record's business ended: the days count from here. */
  ended: string;
  /** Extra condition on the records (e.g. a message no longer pending). */
  where?: RawBuilder<unknown>;
  /** The columns masked (their new value; null empties the column). */
  columns: Record<string, Masker>;
}

const unmasked = (col: string) =>
  sql`(${sql.ref(col)} is not null and ${sql.ref(col)} <> '' and position('*' in ${sql.ref(col)}) = 0)`;

const TARGETS: readonly Target[] = [
  {
    kind: 'id_numbers',
    table: 'cases',
    ended: 'closed_at',
    columns: { applicant_id_number: maskIdentifier },
  },
  { kind: 'phones', table: 'cases', ended: 'closed_at', columns: { applicant_phone: maskPhone } },
  { kind: 'phones', table: 'bookings', ended: 'closed_at', columns: { phone: maskPhone } },
  {
    kind: 'phones',
    table: 'home_visits',
    ended: 'closed_at',
    columns: { phone: maskPhone, address: maskContact },
  },
  {
    kind: 'phones',
    table: 'outbox_messages',
    ended: 'created_at',
    where: sql`state <> 'pending'`,
    columns: { recipient: maskPhone },
  },
  {
    kind: 'phones',
    table: 'public_reports',
    ended: 'decided_at',
    // Kept for the SMS reply only; once masked there is nothing to send to.
    columns: { reporter_phone: () => null },
  },
  {
    kind: 'reporters',
    table: 'public_reports',
    ended: 'decided_at',
    columns: { reporter_name: maskName, reporter_contact: maskContact },
  },
];

export type RetentionDone = Record<RetentionKind, number>;

class NothingToDo extends Error {}

/**
 * One batch in one transaction with its audit entries; `work` returns the records it changed. With
 * none, the transaction is given up (write() wants an audit entry) and the batch counts 0.
 */
function batch(
  deps: Deps,
  work: (tx: Tx, audit: Audit, at: Date) => Promise<number>,
): Promise<number> {
  return write(deps.db, deps.clock, systemActor, async (tx, audit, at) => {
    const n = await work(tx, audit, at);
    if (n === 0) throw new NothingToDo();
    return n;
  }).catch((e: unknown) => {
    if (e instanceof NothingToDo) return 0;
    throw e;
  });
}

/** The audit of a batch: one entry per center, with the ids and the count, never a value. */
async function auditByCenter(
  audit: Audit,
  kind: RetentionKind,
  table: string,
  columns: string[],
  cutoff: Date,
  rows: readonly { id: number; center_id: number | null }[],
) {
  const byCenter = new Map<number | null, number[]>();
  for (const r of rows) byCenter.set(r.center_id, [...(byCenter.get(r.center_id) ?? []), r.id]);
  for (const [centerId, ids] of byCenter)
    await audit({
      centerId,
      action: 'retention.applied',
      entityType: 'retention',
      entityId: `${kind}:${table}`,
      before: null,
      after: { kind, table, columns, endedBefore: cutoff.toISOString(), count: ids.length, ids },
    });
}

/** One batch of one target's records past the cut-off whose values are not masked yet. */
const maskBatch = (deps: Deps, t: Target, cutoff: Date) =>
  batch(deps, async (tx, audit) => {
    const cols = Object.keys(t.columns);
    const any = sql.join(cols.map(unmasked), sql` or `);
    const { rows } = await sql<
      Record<string, string | null> & { id: number; center_id: number | null }
    >`
      select id, center_id, ${sql.join(cols.map((c) => sql.ref(c)))}
      from ${sql.table(t.table)}
      where ${sql.ref(t.ended)} < ${cutoff} and (${any}) ${t.where ? sql`and ${t.where}` : sql``}
      order by id limit ${BATCH} for update skip locked`.execute(tx);
    for (const r of rows) {
      const set = cols.map((c) => {
        const v = r[c] ?? null;
        const masked = v === null || v === '' || v.includes('*') ? v : t.columns[c]!(v);
        return sql`${sql.ref(c)} = ${masked}`;
      });
      await sql`update ${sql.table(t.table)} set ${sql.join(set)} where id = ${r.id}`.execute(tx);
    }
    await auditByCenter(audit, t.kind, t.table, cols, cutoff, rows);
    return rows.length;
  });

/** Evidence: the content removed, what it was (name, size, SHA-256) kept with when. */
const purgeEvidence = (deps: Deps, cutoff: Date) =>
  batch(deps, async (tx, audit, at) => {
    const { rows } = await sql<{ id: number; center_id: number }>`
      select id, center_id from evidence_files where at < ${cutoff} and purged_at is null
      order by id limit ${BATCH} for update skip locked`.execute(tx);
    if (rows.length === 0) return 0;
    await tx
      .updateTable('evidence_files')
      .set({ content: Buffer.alloc(0), purged_at: at })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    await auditByCenter(audit, 'evidence', 'evidence_files', ['content'], cutoff, rows);
    return rows.length;
  });

/** Verification codes are records of a moment: past the phones' days they are deleted. */
const deleteOldCodes = (deps: Deps, cutoff: Date) =>
  batch(deps, async (tx, audit) => {
    const gone = await tx
      .deleteFrom('sms_codes')
      .where('created_at', '<', cutoff)
      .returning(['id', 'center_id'])
      .execute();
    await auditByCenter(audit, 'phones', 'sms_codes', ['*'], cutoff, gone);
    return gone.length;
  });

/**
 * Applies every kind's retention once, up to the present: what was masked, removed or deleted, per
 * kind (verification codes counted with the phones).
 */
export async function applyRetention(deps: Deps): Promise<RetentionDone> {
  const done = Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])) as RetentionDone;
  const now = deps.clock.now().getTime();
  const cutoffOf = (kind: RetentionKind) => {
    const ms = retentionCutoff(now, deps.config.retention[kind]);
    return ms === null ? null : new Date(ms);
  };
  for (const t of TARGETS) {
    const cutoff = cutoffOf(t.kind);
    if (!cutoff) continue;
    for (let n = BATCH; n === BATCH;) {
      n = await maskBatch(deps, t, cutoff);
      done[t.kind] += n;
    }
  }
  const evidence = cutoffOf('evidence');
  if (evidence)
    for (let n = BATCH; n === BATCH;) {
      n = await purgeEvidence(deps, evidence);
      done.evidence += n;
    }
  const phones = cutoffOf('phones');
  if (phones) done.phones += await deleteOldCodes(deps, phones);
  return done;
}
