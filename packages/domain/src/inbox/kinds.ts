/**
 * What an inbox item can be about (待办与提醒, issue 11). Each kind says in a few Chinese words what
 * happened; the item's own title gives the particulars. Who receives each kind is decided in
 * `routing.ts`.
 */
export const INBOX_KINDS = {
  // A case holder's own cases
  case_yellow: '办件即将到期',
  case_red: '办件已超期',
  case_handover: '办件移交给您',
  case_urged: '办件催办',
  extension_decided: '延期申请已处理',
  // A supervising leader's and the director's view of cases
  staff_case_red: '下属办件超期',
  extension_requested: '延期申请待审批',
  // Bookings and home visits
  booking_assigned: '新预约',
  visit_assigned: '上门服务安排',
  // Attendance, findings, money, appeals
  leave_requested: '请假待审批',
  leave_decided: '请假申请已处理',
  finding_recorded: '考核记录',
  violation_candidate: '待认定违规',
  settlement_approved: '考核结算已批准',
  appeal_filed: '新申诉',
  appeal_decided: '申诉已决定',
  // Citizens' side
  report_waiting: '群众举报待处理',
  rating_bad: '差评待回访',
  rating_follow_up_assigned: '差评回访交办',
  rating_contested: '差评申诉待决定',
  announcement_late: '办结公告逾期',
  // Terms for deciding (reports, appeals, 差评 follow-ups)
  term_due_soon: '处理期限将到',
  term_overdue: '处理期限已过',
  // The director's morning summary
  digest: '每日督办摘要',
} as const;

export type InboxKind = keyof typeof INBOX_KINDS;
export const INBOX_KIND_KEYS = Object.keys(INBOX_KINDS) as InboxKind[];
export const isInboxKind = (v: string): v is InboxKind => Object.hasOwn(INBOX_KINDS, v);
