import { createHash } from 'node:crypto';
import type { createInspectionBody, Finding, Inspection } from '@bianmin/contracts';
import { shanghaiDateOf } from '@bianmin/domain';
import type { z } from 'zod';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as repo from './repository.ts';
import { canSee, visibleStaffIds } from './scope.ts';

/** The staff members named must be of the center. */
async function checkStaff(tx: Tx, centerId: number, ids: number[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await tx
    .selectFrom('staff')
    .select('id')
    .where('center_id', '=', centerId)
    .where('id', 'in', unique)
    .execute();
  const known = new Set(found.map((s) => s.id));
  const bad = ids.findIndex((id) => !known.has(id));
  if (bad >= 0) throw fieldError('NOT_FOUND', `findings.${bad}.staffId`);
}

/** An inspection with its findings, recorded by a member of the assessment group, in one transaction. */
export function recordInspection(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createInspectionBody>,
): Promise<Inspection> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    await checkStaff(
      tx,
      centerId,
      body.findings.map((f) => f.staffId),
    );
    const { id } = await tx
      .insertInto('inspections')
      .values({
        center_id: centerId,
        created_at: at,
        level: body.level,
        inspected_on: body.inspectedOn,
        inspectors: body.inspectors,
        note: body.note,
        recorded_by_user_id: user.id,
        recorded_by_staff_id: user.staffId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const f of body.findings) {
      await repo.insertFinding(tx, {
        center_id: centerId,
        staff_id: f.staffId,
        source: 'inspection',
        inspection_id: id,
        date: body.inspectedOn,
        level: body.level,
        // Only inspections by the county and above are circulated (通报).
        circulated: ['county', 'city', 'province'].includes(body.level) && f.circulated,
        item: f.item,
        description: f.description,
        serious: f.serious,
        recorded_by_user_id: user.id,
        recorded_by_staff_id: user.staffId,
        created_at: deps.clock.now(),
      });
    }
    const created = (await repo.getInspection(tx, id))!;
    await audit({
      centerId,
      action: 'inspection.record',
      entityType: 'inspection',
      entityId: id,
      before: null,
      after: created,
    });
    return created;
  });
}

export const listInspections = (deps: Deps, centerId: number) =>
  repo.listInspections(deps.db, centerId);

export async function listFindings(
  deps: Deps,
  user: SessionUser,
  centerId: number,
  q: { staffId?: number; year?: number; page: number; pageSize: number },
) {
  return repo.listFindings(deps.db, centerId, await visibleStaffIds(deps.db, user), q);
}

async function visibleFinding(deps: Deps, user: SessionUser, id: number): Promise<Finding> {
  const found = await repo.getFinding(deps.db, id);
  if (!found || !inScope(user, found.centerId)) throw new AppError('NOT_FOUND');
  if (!canSee(await visibleStaffIds(deps.db, user), found.staffId)) throw new AppError('NOT_FOUND');
  return found;
}
export const getFinding = visibleFinding;

/** A confirmed overdue-case candidate becomes a finding under assessment item 6 (限时办结). */
export async function findingFromCandidate(
  tx: Tx,
  audit: Audit,
  user: SessionUser,
  candidate: {
    id: number;
    centerId: number;
    staffId: number | null;
    deadlineAt: string;
    receiptNo: string;
  },
  reason: string,
  at: Date,
) {
  if (candidate.staffId === null) return;
  const date = shanghaiDateOf(Date.parse(candidate.deadlineAt));
  const id = await repo.insertFinding(tx, {
    center_id: candidate.centerId,
    staff_id: candidate.staffId,
    source: 'overdue_case',
    violation_candidate_id: candidate.id,
    inspection_id: null,
    date,
    level: 'town',
    item: 6,
    description: `办件 ${candidate.receiptNo} 超过办结期限（考核小组确认：${reason}）`,
    recorded_by_user_id: user.id,
    recorded_by_staff_id: user.staffId,
    created_at: at,
  });
  await audit({
    centerId: candidate.centerId,
    action: 'finding.record',
    entityType: 'finding',
    entityId: id,
    before: null,
    after: await repo.getFinding(tx, id),
  });
}

// ---- evidence ----

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

/** What the bytes really are, by their first bytes (the declared type is not trusted). */
export function sniff(content: Buffer): 'image/jpeg' | 'image/png' | 'application/pdf' | null {
  if (content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export function addEvidence(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  findingId: number,
  file: { name: string; declaredType: string; content: Buffer },
) {
  const type = sniff(file.content);
  if (type === null || type !== file.declaredType) throw new AppError('EVIDENCE_TYPE');
  if (file.content.length === 0 || file.content.length > EVIDENCE_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE');
  // Only the name's last part, without control or path characters: it is shown, never used as a path.
  const name = [...(file.name.split(/[\\/]/).pop() ?? 'file')]
    .map((ch) => (ch.charCodeAt(0) < 32 || '"<>|:*?'.includes(ch) ? '_' : ch))
    .join('');
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const finding = await repo.getFinding(tx, findingId, true);
    if (!finding || !inScope(user, finding.centerId)) throw new AppError('NOT_FOUND');
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const { id } = await tx
      .insertInto('evidence_files')
      .values({
        center_id: finding.centerId,
        finding_id: findingId,
        file_name: name,
        media_type: type,
        size_bytes: file.content.length,
        sha256,
        content: file.content,
        uploaded_by_user_id: user.id,
        at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      centerId: finding.centerId,
      action: 'finding.evidence_add',
      entityType: 'finding',
      entityId: findingId,
      before: null,
      after: {
        evidenceId: id,
        fileName: name,
        mediaType: type,
        sizeBytes: file.content.length,
        sha256,
      },
    });
    return (await repo.getFinding(tx, findingId))!;
  });
}

export async function getEvidence(deps: Deps, user: SessionUser, id: number) {
  const file = await repo.getEvidence(deps.db, id);
  if (!file || !inScope(user, file.center_id)) throw new AppError('NOT_FOUND');
  if (!canSee(await visibleStaffIds(deps.db, user), file.staff_id)) throw new AppError('NOT_FOUND');
  return { ...file, content: Buffer.from(file.content) };
}
