import { maskPhone } from '../cases/identity.ts';
import { ok, refuse, type Result } from '../shared/result.ts';

/**
 * Public reports (群众举报, DOMAIN.md §5 and §7): registered at any hour, decided by the assessment
 * group — substantiated (a finding: that month's amount) or unsubstantiated, with reasons — and then
 * answered to the reporter, once. Reporters are confidential.
 */
export type ReportStatus = 'received' | 'substantiated' | 'unsubstantiated';
export type ReportOutcome = 'substantiated' | 'unsubstantiated';

export interface ReportFacts {
  status: ReportStatus;
  staffId: number | null;
  item: number | null;
  occurredOn: string | null;
}

export interface ReportDecisionInput {
  outcome: ReportOutcome;
  reason: string;
  /** What the group established; each overrides what was registered. */
  staffId?: number | null | undefined;
  item?: number | null | undefined;
  occurredOn?: string | null | undefined;
}

export type ReportDecision =
  | { outcome: 'substantiated'; reason: string; staffId: number; item: number; occurredOn: string }
  | {
      outcome: 'unsubstantiated';
      reason: string;
      staffId: number | null;
      item: number | null;
      occurredOn: string | null;
    };

/**
 * The group's decision on a received report. Substantiating needs the staff member, the assessment
 * item and the day it happened (the finding's date, which fixes the forfeited month); either outcome
 * needs its reason. The day cannot be later than the day the report came in (Asia/Shanghai dates).
 */
export function decideReport(
  report: ReportFacts & { receivedOn: string },
  input: ReportDecisionInput,
): Result<ReportDecision> {
  if (report.status !== 'received') return refuse('ALREADY_DECIDED');
  const reason = input.reason.trim();
  const staffId = input.staffId === undefined ? report.staffId : input.staffId;
  const item = input.item === undefined ? report.item : input.item;
  const occurredOn = input.occurredOn === undefined ? report.occurredOn : input.occurredOn;
  const when = checkOccurredOn(occurredOn, report.receivedOn);
  if (!when.ok) return when;
  if (input.outcome === 'substantiated') {
    if (staffId === null) return refuse('REPORT_STAFF_REQUIRED', 'staffId');
    if (item === null) return refuse('REPORT_ITEM_REQUIRED', 'item');
    if (occurredOn === null) return refuse('REPORT_DATE_REQUIRED', 'occurredOn');
    if (reason === '') return refuse('REPORT_REASON_REQUIRED', 'reason');
    return ok({ outcome: 'substantiated', reason, staffId, item, occurredOn });
  }
  if (reason === '') return refuse('REPORT_REASON_REQUIRED', 'reason');
  return ok({ outcome: 'unsubstantiated', reason, staffId, item, occurredOn });
}

/** What was reported cannot have happened after the report came in. */
export function checkOccurredOn(occurredOn: string | null, receivedOn: string): Result<true> {
  if (occurredOn !== null && occurredOn > receivedOn)
    return refuse('REPORT_DATE_AFTER_RECEIPT', 'occurredOn');
  return ok(true);
}

/** Where a report stands, as the list shows it: 待核查 / 属实 / 不属实 / 已答复. */
export type ReportStage = 'received' | 'substantiated' | 'unsubstantiated' | 'replied';
export const reportStage = (status: ReportStatus, replied: boolean): ReportStage =>
  replied ? 'replied' : status;

/**
 * The reply to the reporter (查处结果正式通知举报人): only once the report is decided, only once,
 * at a time between the decision and now (instants in milliseconds).
 */
export function checkReply(
  report: { status: ReportStatus; decidedAt: number | null; replied: boolean },
  repliedAt: number,
  now: number,
): Result<true> {
  if (report.status === 'received' || report.decidedAt === null)
    return refuse('REPORT_NOT_DECIDED');
  if (report.replied) return refuse('REPORT_ALREADY_REPLIED');
  if (repliedAt > now) return refuse('TIME_IN_FUTURE', 'repliedAt');
  if (repliedAt < report.decidedAt) return refuse('REPLY_BEFORE_DECISION', 'repliedAt');
  return ok(true);
}

/** 张三 → 张*, 欧阳小明 → 欧***: the family name only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** A phone keeps its first three and last four digits; anything else (an address, a mail) its ends. */
export function maskContact(contact: string): string {
  const value = contact.trim();
  const compact = value.replace(/[\s()-]/g, '');
  if (/^\+?\d{7,}$/.test(compact)) return maskPhone(compact);
  const chars = [...value];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return chars[0]! + chars[1]! + '*'.repeat(chars.length - 3) + chars[chars.length - 1]!;
}

// ── 纪检移送 ────────────────────────────────────────────────────────────────

/**
 * Only a finding marked serious is referred for discipline procedures (the source: "serious cases
 * go to discipline procedures"). Seriousness is the group's judgement recorded on the finding — a
 * province-level circulated finding is not serious by that fact alone. A revoked finding is not
 * referred; a finding has at most one open referral; the referral day is not in the future and not
 * before the finding.
 */
export function checkReferral(
  finding: { serious: boolean; revoked: boolean; date: string },
  openReferral: boolean,
  referredOn: string,
  today: string,
): Result<true> {
  if (finding.revoked) return refuse('ALREADY_REVOKED');
  if (!finding.serious) return refuse('REFERRAL_NOT_SERIOUS');
  if (openReferral) return refuse('REFERRAL_OPEN');
  if (referredOn > today) return refuse('DATE_IN_FUTURE', 'referredOn');
  if (referredOn < finding.date) return refuse('REFERRAL_BEFORE_FINDING', 'referredOn');
  return ok(true);
}

/** The outcome of a referral is recorded once, on a day between the referral and today. */
export function checkReferralOutcome(
  referral: { referredOn: string; outcomeOn: string | null },
  outcomeOn: string,
  today: string,
): Result<true> {
  if (referral.outcomeOn !== null) return refuse('REFERRAL_CLOSED');
  if (outcomeOn > today) return refuse('DATE_IN_FUTURE', 'outcomeOn');
  if (outcomeOn < referral.referredOn) return refuse('OUTCOME_BEFORE_REFERRAL', 'outcomeOn');
  return ok(true);
}
