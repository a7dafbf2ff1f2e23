/**
 * The inbox items the modules make when they change state (issue 11; docs/inbox.md "Hooks"). Each
 * function runs inside the caller's write() transaction, after the change and its audit entry, so an
 * item exists exactly when the change does. Who gets it comes from the domain (`recipientsOf`); the
 * person who acted is not told of their own act; titles are one plain Chinese line naming the thing.
 *
 * Complaint reporters are confidential: an item about a public report names neither the reporter
 * nor the reporter's phone, and never reaches the staff member the report is about.
 */
import {
  displayReceiptNo,
  formatFen,
  LEVEL_NAMES,
  maskName,
  recipientsOf,
  SATISFACTION_LABELS,
  shanghaiDateOf,
  type FindingLevel,
  type InboxRecipients,
  type SatisfactionLevel,
} from '@bianmin/domain';
import type { Audit, Tx } from '../../audit/write.ts';
import * as repo from './repository.ts';
import { notify } from './service.ts';

/** An instant as Beijing wall-clock 'YYYY-MM-DD HH:mm'. */
export function beijingText(at: Date): string {
  const b = new Date(at.getTime() + 8 * 3_600_000);
  return b.toISOString().slice(0, 16).replace('T', ' ');
}

/** 'YYYY-MM-DD' → 'M月D日'. */
const dayText = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * `to` as the accounts it names, less those of `staffIds` (the person a report is about, the
 * appellant): a role-wide notice that must not reach them.
 */
export async function withoutStaff(
  tx: Tx,
  centerId: number,
  to: InboxRecipients,
  staffIds: readonly (number | null)[],
): Promise<InboxRecipients> {
  const users = await repo.recipientUsers(tx, centerId, {
    staffIds: (to.staffIds ?? []).filter((id): id is number => id !== null),
    roles: to.roles ?? [],
    userIds: to.userIds ?? [],
  });
  const leave = staffIds.filter((id): id is number => id !== null);
  const left =
    leave.length === 0
      ? new Set<number>()
      : new Set(
          (await tx.selectFrom('users').select('id').where('staff_id', 'in', leave).execute()).map(
            (u) => u.id,
          ),
        );
  return { userIds: users.map((u) => u.id).filter((id) => !left.has(id)) };
}

const staffName = async (tx: Tx, id: number | null) =>
  id === null
    ? null
    : ((await tx.selectFrom('staff').select('name').where('id', '=', id).executeTakeFirst())
        ?.name ?? null);

const caseWhat = async (tx: Tx, c: { item_id: number | null; subject: string | null }) =>
  c.item_id === null
    ? (c.subject ?? '')
    : ((
        await tx
          .selectFrom('service_items')
          .select('name')
          .where('id', '=', c.item_id)
          .executeTakeFirst()
      )?.name ??
      c.subject ??
      '');

// ── Cases ────────────────────────────────────────────────────────────────────────────────────────

/** A case handed over to a (new) staff holder: that person is told, not the one who handed it over. */
export async function caseHandedOver(
  tx: Tx,
  audit: Audit,
  at: Date,
  before: { holder_staff_id: number | null },
  after: {
    id: number;
    center_id: number;
    receipt_no: string;
    item_id: number | null;
    subject: string | null;
    holder_staff_id: number | null;
  },
  by: { userId: number; name: string },
  note: string,
): Promise<void> {
  if (after.holder_staff_id === null || after.holder_staff_id === before.holder_staff_id) return;
  const what = await caseWhat(tx, after);
  await notify(tx, audit, at, {
    centerId: after.center_id,
    kind: 'case_handover',
    to: recipientsOf('case_handover', { staffId: after.holder_staff_id }),
    title: `办件 ${displayReceiptNo(after.receipt_no)}（${what}）由${by.name}移交给您`,
    ...(note.trim() ? { body: `移交说明：${note.trim()}` } : {}),
    link: `/staff/cases/${after.id}`,
    subject: { type: 'case', id: after.id },
    exceptUserId: by.userId,
  });
}

/** An overdue case raised a violation candidate: the assessment group judges it (not its subject). */
export async function violationCandidateRaised(
  tx: Tx,
  audit: Audit,
  at: Date,
  v: {
    id: number;
    centerId: number;
    staffId: number | null;
    receiptNo: string;
    kind: 'open_overdue' | 'completed_late';
  },
): Promise<void> {
  const holder = (await staffName(tx, v.staffId)) ?? '无承办人';
  const no = displayReceiptNo(v.receiptNo);
  await notify(tx, audit, at, {
    centerId: v.centerId,
    kind: 'violation_candidate',
    to: await withoutStaff(tx, v.centerId, recipientsOf('violation_candidate', {}), [v.staffId]),
    title:
      v.kind === 'open_overdue'
        ? `办件 ${no} 超过办结期限未办结（承办人 ${holder}），待认定`
        : `办件 ${no} 超期办结（承办人 ${holder}），待认定`,
    body: '请核实超期原因，认定为违规或不予认定。',
    link: '/staff/violations',
    subject: { type: 'violation_candidate', id: v.id },
    dedupeKey: `violation-candidate:${v.id}`,
  });
}

// ── Bookings and home visits ───────────────────────────────────────────────────────────────────

/** A booking for a window unit: the staff in post at its windows are told (not the staff who entered it). */
export async function bookingMade(
  tx: Tx,
  audit: Audit,
  at: Date,
  b: {
    id: number;
    centerId: number;
    windowUnitId: number;
    itemName: string;
    date: string;
    start: string;
    name: string;
  },
  byUserId: number | null,
): Promise<void> {
  const today = shanghaiDateOf(at.getTime());
  const staff = await tx
    .selectFrom('staff as s')
    .innerJoin('windows as w', 'w.id', 's.window_id')
    .select('s.id')
    .where('w.window_unit_id', '=', b.windowUnitId)
    .where('s.center_id', '=', b.centerId)
    .where('s.in_post_from', '<=', today)
    .where((eb) => eb.or([eb('s.in_post_to', 'is', null), eb('s.in_post_to', '>=', today)]))
    .execute();
  if (staff.length === 0) return;
  const to: InboxRecipients = {
    staffIds: staff.flatMap(
      (s) => recipientsOf('booking_assigned', { assigneeStaffId: s.id }).staffIds ?? [],
    ),
  };
  await notify(tx, audit, at, {
    centerId: b.centerId,
    kind: 'booking_assigned',
    to,
    title: `新预约：${dayText(b.date)} ${b.start} ${b.itemName}（${maskName(b.name)}）`,
    link: '/staff/appointments',
    subject: { type: 'booking', id: b.id },
    exceptUserId: byUserId,
  });
}

/** A home visit scheduled (or moved): the staff assigned to go are told. */
export async function visitScheduled(
  tx: Tx,
  audit: Audit,
  at: Date,
  v: { id: number; centerId: number; date: string; address: string; what: string },
  staffIds: readonly number[],
  rescheduled: boolean,
  byUserId: number,
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: v.centerId,
    kind: 'visit_assigned',
    to: {
      staffIds: staffIds.flatMap(
        (id) => recipientsOf('visit_assigned', { assigneeStaffId: id }).staffIds ?? [],
      ),
    },
    title: `${rescheduled ? '上门服务改期' : '上门服务'}：${dayText(v.date)} 到${v.address}${v.what ? `（${v.what}）` : ''}`,
    link: '/staff/visits',
    subject: { type: 'home_visit', id: v.id },
    exceptUserId: byUserId,
  });
}

// ── Attendance ───────────────────────────────────────────────────────────────────────────────────

const LEAVE_KINDS = { official_leave: '因公请假', personal_leave: '因私请假', outing: '中途外出' };
type LeaveKind = keyof typeof LEAVE_KINDS;

const leaveSpan = (from: Date, to: Date) => {
  const [a, b] = [beijingText(from), beijingText(to)];
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} 至 ${b.slice(11)}` : `${a} 至 ${b}`;
};

/** Leave requested: the approver (the supervising leader stored on the request) is told. */
export async function leaveRequested(
  tx: Tx,
  audit: Audit,
  at: Date,
  l: {
    id: number;
    center_id: number;
    staff_id: number;
    approver_staff_id: number;
    kind: LeaveKind;
    from_at: Date;
    to_at: Date;
  },
  byUserId: number,
): Promise<void> {
  const name = (await staffName(tx, l.staff_id)) ?? '';
  await notify(tx, audit, at, {
    centerId: l.center_id,
    kind: 'leave_requested',
    to: recipientsOf('leave_requested', {
      staffId: l.staff_id,
      supervisorStaffId: l.approver_staff_id,
    }),
    title: `${name}申请${LEAVE_KINDS[l.kind]}：${leaveSpan(l.from_at, l.to_at)}`,
    link: '/staff/attendance/leave',
    subject: { type: 'leave_request', id: l.id },
    exceptUserId: byUserId,
  });
}

/** Leave approved or rejected: the person who asked is told. */
export async function leaveDecided(
  tx: Tx,
  audit: Audit,
  at: Date,
  l: {
    id: number;
    center_id: number;
    staff_id: number;
    kind: LeaveKind;
    from_at: Date;
    to_at: Date;
    status: string;
    decision_note: string | null;
  },
  by: { userId: number; name: string },
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: l.center_id,
    kind: 'leave_decided',
    to: recipientsOf('leave_decided', { staffId: l.staff_id }),
    title: `您的${LEAVE_KINDS[l.kind]}（${leaveSpan(l.from_at, l.to_at)}）${by.name}${l.status === 'approved' ? '已批准' : '未批准'}`,
    ...(l.decision_note ? { body: `意见：${l.decision_note}` } : {}),
    link: '/staff/attendance/leave',
    subject: { type: 'leave_request', id: l.id },
    exceptUserId: by.userId,
  });
}

// ── Findings, settlements, appeals ──────────────────────────────────────────────────────────────

/** A finding recorded about a person: that person is told (what, when, which item; not who saw it). */
export async function findingRecorded(
  tx: Tx,
  audit: Audit,
  at: Date,
  f: {
    id: number;
    centerId: number;
    staffId: number;
    date: string;
    level: FindingLevel;
    item: number;
  },
  byUserId: number | null,
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: f.centerId,
    kind: 'finding_recorded',
    to: recipientsOf('finding_recorded', { staffId: f.staffId }),
    title: `考核记录：${dayText(f.date)}${LEVEL_NAMES[f.level]}，考核内容第 ${f.item} 项`,
    body: '可在“我的考核”中查看；如有异议，可在申诉期限内提出申诉。',
    link: '/staff/my/assessment',
    subject: { type: 'finding', id: f.id },
    exceptUserId: byUserId,
  });
}

/** A half-year settlement approved: each person in it is told of his or her own. */
export async function settlementApproved(
  tx: Tx,
  audit: Audit,
  at: Date,
  s: {
    id: number;
    centerId: number;
    staffId: number;
    year: number;
    half: 1 | 2;
    payableFen: number;
  },
  byUserId: number,
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: s.centerId,
    kind: 'settlement_approved',
    to: recipientsOf('settlement_approved', { staffId: s.staffId }),
    title: `${s.year}年${s.half === 1 ? '上' : '下'}半年考核结算已批准：应发 ${formatFen(s.payableFen)} 元`,
    link: '/staff/my/assessment',
    subject: { type: 'settlement', id: s.id },
    exceptUserId: byUserId,
  });
}

const APPEAL_SUBJECTS = { finding: '考核记录', settlement: '考核结算', rating: '年度考评等次' };
const APPEAL_OUTCOMES = { upheld: '维持原决定', revoked: '撤销', changed: '变更' };

/** An appeal filed: the assessment group decides it (never the appellant). */
export async function appealFiled(
  tx: Tx,
  audit: Audit,
  at: Date,
  a: {
    id: number;
    centerId: number;
    staffId: number;
    staffName: string;
    subject: keyof typeof APPEAL_SUBJECTS;
  },
  byUserId: number,
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: a.centerId,
    kind: 'appeal_filed',
    to: await withoutStaff(tx, a.centerId, recipientsOf('appeal_filed', {}), [a.staffId]),
    title: `${a.staffName}对${APPEAL_SUBJECTS[a.subject]}提出申诉`,
    link: '/staff/assessment/appeals',
    subject: { type: 'appeal', id: a.id },
    exceptUserId: byUserId,
  });
}

/** An appeal decided: the appellant is told the outcome. */
export async function appealDecided(
  tx: Tx,
  audit: Audit,
  at: Date,
  a: {
    id: number;
    centerId: number;
    staffId: number;
    subject: keyof typeof APPEAL_SUBJECTS;
    status: keyof typeof APPEAL_OUTCOMES | 'pending';
    filedAt: string;
  },
  byUserId: number,
): Promise<void> {
  if (a.status === 'pending') return;
  await notify(tx, audit, at, {
    centerId: a.centerId,
    kind: 'appeal_decided',
    to: recipientsOf('appeal_decided', { staffId: a.staffId }),
    title: `您${dayText(beijingText(new Date(a.filedAt)))}对${APPEAL_SUBJECTS[a.subject]}的申诉已决定：${APPEAL_OUTCOMES[a.status]}`,
    link: '/staff/my/assessment',
    subject: { type: 'appeal', id: a.id },
    exceptUserId: byUserId,
  });
}

// ── Citizens' side ─────────────────────────────────────────────────────────────────────────────

const REPORT_CHANNELS = { hotline: '电话', online: '网上', letter: '来信', visit: '来访' };

/**
 * A public report registered: the assessment group and the director see to it — never the staff
 * member it is about, and the item names neither the reporter nor the phone.
 */
export async function reportWaiting(
  tx: Tx,
  audit: Audit,
  at: Date,
  r: {
    id: number;
    centerId: number;
    staffId: number | null;
    channel: keyof typeof REPORT_CHANNELS;
    decideDueAt: Date | null;
  },
  byUserId: number | null,
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: r.centerId,
    kind: 'report_waiting',
    to: await withoutStaff(tx, r.centerId, recipientsOf('report_waiting', {}), [r.staffId]),
    title: `群众举报第 ${r.id} 号（${REPORT_CHANNELS[r.channel]}）待处理${r.decideDueAt ? `，应于 ${beijingText(r.decideDueAt)} 前作出处理决定` : ''}`,
    link: '/staff/reports',
    subject: { type: 'public_report', id: r.id },
    exceptUserId: byUserId,
  });
}

interface RatingFacts {
  id: number;
  center_id: number;
  receipt_no: string;
  item_name: string | null;
  subject: string | null;
}
const ratingWhat = (r: RatingFacts) =>
  `办件 ${displayReceiptNo(r.receipt_no)}（${r.item_name ?? r.subject ?? ''}）`;

/** A 差评 given: the director has it followed up. */
export async function badRating(
  tx: Tx,
  audit: Audit,
  at: Date,
  r: RatingFacts & { level: SatisfactionLevel; contactDueAt: Date },
  byUserId: number | null,
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: r.center_id,
    kind: 'rating_bad',
    to: recipientsOf('rating_bad', {}),
    title: `差评：${ratingWhat(r)}评价为“${SATISFACTION_LABELS[r.level]}”，请指派回访`,
    body: `应于 ${beijingText(r.contactDueAt)} 前回访评价人。`,
    link: '/staff/ratings',
    subject: { type: 'rating', id: r.id },
    exceptUserId: byUserId,
  });
}

/** A 差评's follow-up given to a staff member: that person is told the terms. */
export async function followUpAssigned(
  tx: Tx,
  audit: Audit,
  at: Date,
  r: RatingFacts & { contactDueAt: Date; fixDueAt: Date },
  staffId: number,
  byUserId: number,
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: r.center_id,
    kind: 'rating_follow_up_assigned',
    to: recipientsOf('rating_follow_up_assigned', { assigneeStaffId: staffId }),
    title: `差评回访整改交给您：${ratingWhat(r)}`,
    body: `请于 ${beijingText(r.contactDueAt)} 前回访，${beijingText(r.fixDueAt)} 前整改并答复评价人。`,
    link: '/staff/ratings',
    subject: { type: 'rating', id: r.id },
    exceptUserId: byUserId,
  });
}

/** A rated staff member contests a rating: the assessment group decides (not that person). */
export async function ratingContested(
  tx: Tx,
  audit: Audit,
  at: Date,
  r: RatingFacts & { staffId: number; staffName: string },
  byUserId: number,
): Promise<void> {
  await notify(tx, audit, at, {
    centerId: r.center_id,
    kind: 'rating_contested',
    to: await withoutStaff(tx, r.center_id, recipientsOf('rating_contested', {}), [r.staffId]),
    title: `${r.staffName}对${ratingWhat(r)}的评价提出异议（恶意评价），待认定`,
    link: '/staff/ratings',
    subject: { type: 'rating', id: r.id },
    exceptUserId: byUserId,
  });
}

/**
 * A completion announcement late — still pending past its time (found by the sweep), or published
 * after it — told to the director once (`late_told_at`, and the dedupe key).
 */
export async function announcementLate(
  tx: Tx,
  audit: Audit,
  at: Date,
  a: {
    id: number;
    center_id: number;
    receipt_no: string;
    item_name: string | null;
    due_at: Date;
    published_at: Date | null;
  },
  byUserId: number | null,
): Promise<void> {
  const no = displayReceiptNo(a.receipt_no);
  const what = a.item_name ? `（${a.item_name}）` : '';
  await tx.updateTable('announcements').set({ late_told_at: at }).where('id', '=', a.id).execute();
  await notify(tx, audit, at, {
    centerId: a.center_id,
    kind: 'announcement_late',
    to: recipientsOf('announcement_late', {}),
    title: a.published_at
      ? `办件 ${no}${what}的办结公告逾期发布：应于 ${beijingText(a.due_at)} 前公告，${beijingText(a.published_at)} 才公告`
      : `办件 ${no}${what}的办结公告已逾期：应于 ${beijingText(a.due_at)} 前公告，尚未公告`,
    link: '/staff/announcements',
    subject: { type: 'announcement', id: a.id },
    dedupeKey: `announcement-late:${a.id}`,
    exceptUserId: byUserId,
  });
}
