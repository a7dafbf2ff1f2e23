import type { correctNoticeBody, Notice, NoticeContent } from '@bianmin/contracts';
import {
  checkMaterialRemarks,
  checkMissingMaterials,
  holdsOrOversees,
  remarksOf,
  type NoticeType,
} from '@bianmin/domain';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import { write, type Actor } from '../../audit/write.ts';
import type { CasesTable } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, asErrorCode, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as cases from '../cases/repository.ts';
import { caseActorOf, issueNotice } from '../cases/service.ts';
import { stateOf } from '../cases/state.ts';

async function visibleNotice(deps: Deps, user: SessionUser, id: number) {
  const row = await cases.getNotice(deps.db, id);
  if (!row || !inScope(user, row.center_id)) throw new AppError('NOT_FOUND');
  return row;
}

export async function get(deps: Deps, user: SessionUser, id: number): Promise<Notice> {
  const row = await visibleNotice(deps, user, id);
  return { ...cases.noticeRefOf(row), caseId: row.case_id, content: row.content as NoticeContent };
}

/**
 * Corrects a notice: an issued notice never changes, so the correction is a new notice of the same
 * kind that supersedes it, after the case itself is corrected (applicant's name, the missing
 * materials of a supplement notice, the reasons of a returned one).
 */
export function correct(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof correctNoticeBody>,
): Promise<Notice> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const old = await cases.getNotice(tx, id);
    if (!old || !inScope(user, old.center_id)) throw new AppError('NOT_FOUND');
    if (old.superseded_by_id !== null) throw new AppError('NOTICE_SUPERSEDED');
    const type = old.type as NoticeType;
    const row = await cases.getRow(tx, old.case_id, true);
    if (!row) throw new AppError('NOT_FOUND');
    // A notice is corrected by whoever holds the case (or the director), as any act on it.
    if (!holdsOrOversees(stateOf(row).holder, caseActorOf(user))) throw new AppError('NOT_HOLDER');
    const set: Updateable<CasesTable> = {};
    if (body.applicantName !== undefined) set.applicant_name = body.applicantName;
    if (body.materials !== undefined || body.remarks !== undefined) {
      if (type !== 'supplement')
        throw fieldError('NOT_CORRECTABLE', body.materials !== undefined ? 'materials' : 'remarks');
      let missing = row.materials;
      if (body.materials !== undefined) {
        const item = row.item_id === null ? undefined : await cases.getItemFacts(tx, row.item_id);
        const checked = checkMissingMaterials(item?.materials ?? [], body.materials);
        if (!checked.ok) throw fieldError(asErrorCode(checked.code), checked.field ?? 'materials');
        missing = checked.value;
        set.materials = JSON.stringify(missing);
      }
      // The remarks follow the list: given anew, or those of the papers still listed.
      let remarks = remarksOf(missing, row.material_remarks);
      if (body.remarks !== undefined) {
        const checked = checkMaterialRemarks(missing, body.remarks);
        if (!checked.ok) throw fieldError(asErrorCode(checked.code), checked.field ?? 'remarks');
        remarks = checked.value;
      }
      set.material_remarks = JSON.stringify(remarks);
    }
    if (body.reasons !== undefined) {
      if (type !== 'returned') throw fieldError('NOT_CORRECTABLE', 'reasons');
      set.reasons = body.reasons;
    }
    if (Object.keys(set).length === 0) throw new AppError('NOT_CORRECTABLE');
    const after = await cases.updateCase(tx, row.id, row.version, set);
    if (!after) throw new AppError('VERSION_CONFLICT');
    await audit({
      centerId: row.center_id,
      action: 'case.correct',
      entityType: 'case',
      entityId: row.id,
      before: {
        applicant_name: row.applicant_name,
        materials: row.materials,
        material_remarks: row.material_remarks,
        reasons: row.reasons,
      },
      after: {
        applicant_name: after.applicant_name,
        materials: after.materials,
        material_remarks: after.material_remarks,
        reasons: after.reasons,
        notice: old.number,
        reason: body.reason,
      },
    });
    const issued = await issueNotice(tx, audit, user, after, type, deps.clock.now(), {
      supersedesId: old.id,
      supersedes: old.number,
      reason: body.reason,
    });
    const created = (await cases.getNotice(tx, issued.id))!;
    return {
      ...cases.noticeRefOf(created),
      caseId: created.case_id,
      content: created.content as NoticeContent,
    };
  });
}
