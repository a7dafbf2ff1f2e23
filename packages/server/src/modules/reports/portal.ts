import { randomInt } from 'node:crypto';
import type { onlineReportBody, OnlineReportReceipt, ReportTracking } from '@bianmin/contracts';
import { maskName, shanghaiDateOf, TRACKING_CODE } from '@bianmin/domain';
import type { z } from 'zod';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { withSmsCode } from '../sms-codes/service.ts';
import { centerByCode } from '../public/service.ts';
import * as repo from './repository.ts';
import { decisionTerm } from './service.ts';
import * as inbox from '../inbox/hooks.ts';

/** The reporter on the portal: no account; named ones proved their mobile by an SMS code. */
const reporter = (request: { ip: string; id: string }): Actor => ({
  userId: null,
  name: '举报人（网上）',
  ip: request.ip,
  requestId: request.id,
});

async function newTrackingCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = TRACKING_CODE.make((max) => randomInt(max));
    const taken = await tx
      .selectFrom('public_reports')
      .select('id')
      .where('tracking_code', '=', code)
      .executeTakeFirst();
    if (!taken) return code;
  }
}

/**
 * A complaint or report from the portal, at any hour (24-hour acceptance): registered at once with
 * its tracking code and the date the group must decide by. A named reporter's mobile is confirmed
 * by an SMS code (the try counted first, the code used with the registration); an anonymous one
 * leaves nothing but the text. The audit entry shows the reporter masked, like every view.
 */
export async function registerOnline(
  deps: Deps,
  request: { ip: string; id: string },
  body: z.infer<typeof onlineReportBody>,
): Promise<OnlineReportReceipt> {
  const center = await centerByCode(deps, body.centerCode);
  const insert = async (tx: Tx, audit: Audit) => {
    const receivedAt = deps.clock.now();
    const trackingCode = await newTrackingCode(tx);
    const term = await decisionTerm(tx, center.id, receivedAt);
    const due = term.decide_due_at;
    const id = await repo.insertReport(tx, {
      center_id: center.id,
      received_at: receivedAt,
      channel: 'online',
      reporter_name: body.anonymous ? '' : body.name,
      reporter_contact: body.anonymous ? '' : body.phone,
      reporter_phone: body.anonymous ? null : body.phone,
      anonymous: body.anonymous,
      content: body.details,
      about: body.about,
      staff_id: null,
      occurred_on: body.occurredOn,
      item: null,
      tracking_code: trackingCode,
      ...term,
      registered_by_user_id: null,
      registered_by_name: body.anonymous
        ? '网上匿名投诉举报'
        : `网上投诉举报（${maskName(body.name)}）`,
    });
    await audit({
      centerId: center.id,
      action: 'report.register',
      entityType: 'public_report',
      entityId: id,
      before: null,
      after: repo.reportView((await repo.getReport(tx, id))!),
    });
    await inbox.reportWaiting(
      tx,
      audit,
      receivedAt,
      { id, centerId: center.id, staffId: null, channel: 'online', decideDueAt: due },
      null,
    );
    return {
      trackingCode: TRACKING_CODE.format(trackingCode),
      centerName: center.name,
      receivedAt: receivedAt.toISOString(),
      decideBy: due ? shanghaiDateOf(due.getTime()) : null,
      smsReply: !body.anonymous,
    };
  };
  const actor = reporter(request);
  if (body.anonymous) return write(deps.db, deps.clock, actor, insert);
  const code = { phone: body.phone, purpose: 'report' as const, code: body.smsCode };
  return withSmsCode(deps, actor, code, insert);
}

/**
 * A report as its reporter follows it, by the tracking code alone: where it stands, the date it is
 * due, and the formal reply once given — never the reporter, the staff member or the group's notes.
 */
export async function track(deps: Deps, input: string): Promise<ReportTracking> {
  const code = TRACKING_CODE.normalize(input);
  const found =
    code === null
      ? undefined
      : await deps.db
          .selectFrom('public_reports as r')
          .innerJoin('centers as c', 'c.id', 'r.center_id')
          .leftJoin('public_report_replies as p', 'p.report_id', 'r.id')
          .select([
            'r.tracking_code',
            'r.received_at',
            'r.status',
            'r.decide_due_at',
            'c.name as center_name',
            'c.phone as center_phone',
            'p.replied_at',
            'p.content as reply_content',
          ])
          .where('r.tracking_code', '=', code)
          .executeTakeFirst();
  if (!found) throw new AppError('REPORT_NOT_FOUND');
  const now = deps.clock.now();
  const decided = found.status !== 'received';
  return {
    trackingCode: TRACKING_CODE.format(found.tracking_code!),
    centerName: found.center_name,
    centerPhone: found.center_phone,
    receivedAt: found.received_at.toISOString(),
    stage: found.replied_at ? 'replied' : decided ? 'decided' : 'received',
    decideBy: found.decide_due_at ? shanghaiDateOf(found.decide_due_at.getTime()) : null,
    overdue: !decided && found.decide_due_at !== null && found.decide_due_at < now,
    reply:
      found.replied_at && found.reply_content !== null
        ? { repliedAt: found.replied_at.toISOString(), content: found.reply_content }
        : null,
  };
}
