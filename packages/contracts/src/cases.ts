import {
  ACCEPTED_KINDS,
  APPLICANT_TYPES,
  AUTHORITY_RESULTS,
  CASE_COMMANDS,
  CASE_STATUSES,
  CHANNELS,
  HANDOVER_METHODS,
  MATERIAL_REMARK_MAX,
  NOTICE_TYPES,
  PAUSE_REASONS,
} from '@bianmin/domain';
import { z } from 'zod';
import { id, isoDate, isoDateTime, page, text, version } from './common.ts';
import { statsListFilters } from './stats-filters.ts';

export const acceptedKind = z.enum(ACCEPTED_KINDS);
export const caseStatus = z.enum(CASE_STATUSES);
export const channel = z.enum(CHANNELS);
export const applicantType = z.enum(APPLICANT_TYPES);
export const pauseReason = z.enum(PAUSE_REASONS);
export const handoverMethod = z.enum(HANDOVER_METHODS);
export const noticeType = z.enum(NOTICE_TYPES);
export const authorityResult = z.enum(AUTHORITY_RESULTS);
export const caseCommand = z.enum(CASE_COMMANDS);
export const light = z.enum(['green', 'yellow', 'red', 'paused']);
export type Light = z.infer<typeof light>;

const itemCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, '只能使用字母、数字、下划线和短横线');
const days = z.number().int().min(1).max(1000);
const amount = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, '金额应为元，最多两位小数，如 10 或 10.50');

// ── 服务事项目录 ────────────────────────────────────────────────────────────

export const catalogFee = z.object({ name: text(60), amount, basis: text(200) });
export type CatalogFeeView = z.infer<typeof catalogFee>;

export const serviceItem = z.object({
  id: z.number(),
  centerId: z.number(),
  code: z.string(),
  name: z.string(),
  windowUnitId: z.number(),
  windowUnitName: z.string(),
  defaultKind: acceptedKind,
  /** Promised term in working days (calendar days for a petition); null for immediate items. */
  promisedDays: z.number().nullable(),
  /** The statutory term, for reference: the promise may not exceed it. */
  legalDays: z.number().nullable(),
  materials: z.array(z.string()),
  fees: z.array(catalogFee),
  announce: z.boolean(),
  jointWindowIds: z.array(z.number()),
  /** Common names people use (低保 for 最低生活保障): the portal's search finds the item by them. */
  aliases: z.array(z.string()),
  /** The pinyin of the name and the common names, and their initials, as the portal's guide has them. */
  pinyin: z.string(),
  initials: z.string(),
  /** Can be booked ahead (预约: online, by phone, letter or e-mail). */
  appointment: z.boolean(),
  /** Can be done at the applicant's home (上门服务, 代办), e.g. for the elderly, sick and disabled. */
  homeVisit: z.boolean(),
  active: z.boolean(),
  version: z.number(),
});
export type ServiceItem = z.infer<typeof serviceItem>;

const aliases = z.array(text(40)).max(20);

export const createServiceItemBody = z.object({
  code: itemCode,
  name: text(100),
  windowUnitId: id,
  defaultKind: acceptedKind,
  promisedDays: days.nullable().default(null),
  legalDays: days.nullable().default(null),
  materials: z.array(text(100)).max(50).default([]),
  fees: z.array(catalogFee).max(20).default([]),
  announce: z.boolean().default(false),
  jointWindowIds: z.array(id).max(20).default([]),
  aliases: aliases.default([]),
  appointment: z.boolean().default(false),
  homeVisit: z.boolean().default(false),
});
export type CreateServiceItemBody = z.input<typeof createServiceItemBody>;
export const updateServiceItemBody = z.object({
  name: text(100).optional(),
  windowUnitId: id.optional(),
  defaultKind: acceptedKind.optional(),
  promisedDays: days.nullable().optional(),
  legalDays: days.nullable().optional(),
  materials: z.array(text(100)).max(50).optional(),
  fees: z.array(catalogFee).max(20).optional(),
  announce: z.boolean().optional(),
  jointWindowIds: z.array(id).max(20).optional(),
  aliases: aliases.optional(),
  appointment: z.boolean().optional(),
  homeVisit: z.boolean().optional(),
  active: z.boolean().optional(),
  version,
});

// ── 办件设置 ────────────────────────────────────────────────────────────────

export const casePolicyFields = z.object({
  yellowAtPercent: z.number().int().min(50).max(99),
  petitionDays: z.number().int().min(1).max(365),
  petitionExtensionMaxDays: z.number().int().min(0).max(90),
  extensionMaxWorkingDays: z.number().int().min(0).max(60),
  supplementWithinWorkingDays: z.number().int().min(1).max(20),
  /** Calendar days to decide whether to accept a petition (信访工作条例: 15). */
  petitionDecisionDays: z.number().int().min(1).max(60),
  /** An urgent case gets at most this share of the catalog's term. */
  urgentTermPercent: z.number().int().min(10).max(90),
});
export const caseSettings = casePolicyFields.extend({ version: z.number() });
export type CaseSettings = z.infer<typeof caseSettings>;
export const updateCaseSettingsBody = casePolicyFields.partial().extend({ version });

// ── 办件 ────────────────────────────────────────────────────────────────────

export const applicantInput = z.object({
  type: applicantType,
  name: text(100),
  /** Resident ID number (person) or unified social credit code (enterprise). */
  idNumber: z.string().trim().max(30).nullable().default(null),
  phone: z.string().trim().max(20).nullable().default(null),
});

const answerFields = { answer: text(2000) };
/** A remark per missing paper, by its name (营业执照副本 → 缺少公章); empty ones are dropped. */
const materialRemarks = z.record(z.string().max(100), z.string().trim().max(MATERIAL_REMARK_MAX));
const supplementFields = {
  materials: z.array(text(100)).min(1).max(50),
  remarks: materialRemarks.default({}),
};
const returnFields = { reasons: text(2000) };
const acceptFields = {
  kind: acceptedKind,
  /**
   * At most the catalog's term (a petition: the center's petition term) and, when urgent, the urgent
   * share of it; null takes exactly that.
   */
  termDays: days.nullable().default(null),
  urgent: z.boolean().default(false),
};

/** What to do with a visitor right away, at the window (the common case). */
export const intakeAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('answer'), ...answerFields }),
  z.object({ action: z.literal('supplement'), ...supplementFields }),
  z.object({ action: z.literal('return'), ...returnFields }),
  z.object({ action: z.literal('accept'), ...acceptFields }),
]);

export const createCaseBody = z.object({
  /** The catalog item; may be empty for an inquiry about something outside the catalog. */
  itemId: id.nullable().default(null),
  /** What the visitor asked, in a few words (required without an item). */
  subject: z.string().trim().max(200).default(''),
  channel,
  applicant: applicantInput,
  note: z.string().trim().max(1000).default(''),
  then: intakeAction.optional(),
  /** The booking (预约) this visit comes from: it is marked arrived with this case, in one step. */
  bookingId: id.optional(),
});
export type CreateCaseBody = z.input<typeof createCaseBody>;

export const handOverBody = z.object({
  version,
  toStaffId: id.nullable().default(null),
  toBusinessSection: z.boolean().default(false),
  method: handoverMethod,
  note: z.string().trim().max(500).default(''),
});
export const answerBody = z.object({ version, ...answerFields });
export const supplementBody = z.object({ version, ...supplementFields });
export const returnBody = z.object({ version, ...returnFields });
export const acceptBody = z.object({ version, ...acceptFields });
export const pauseBody = z.object({
  version,
  reason: pauseReason,
  note: z.string().trim().max(500).default(''),
});
export const resumeBody = z.object({ version });
export const extendBody = z.object({ version, days, reason: text(1000) });
export const expediteBody = z.object({ version, termDays: days, reason: text(500) });
export const submitBody = z.object({ version, authority: text(100), dueDate: isoDate });
export const recordOutcomeBody = z.object({
  version,
  authorityResult,
  /** The authority's document, or what it asks. */
  authorityNote: text(1000),
});
export const completeBody = z.object({
  version,
  result: text(2000),
  fees: z
    .array(z.object({ name: text(60), amount }))
    .max(20)
    .default([]),
});
export const revealBody = z.object({ field: z.enum(['idNumber', 'phone']) });
export const revealed = z.object({ value: z.string().nullable() });

export const caseSummary = z.object({
  id: z.number(),
  receiptNo: z.string(),
  status: caseStatus,
  acceptedKind: acceptedKind.nullable(),
  itemId: z.number().nullable(),
  itemName: z.string().nullable(),
  subject: z.string(),
  channel,
  applicantType: applicantType,
  applicantName: z.string(),
  holderStaffId: z.number().nullable(),
  holderName: z.string().nullable(),
  windowId: z.number().nullable(),
  windowName: z.string().nullable(),
  atBusinessSection: z.boolean(),
  joint: z.boolean(),
  receivedAt: isoDateTime,
  deadlineAt: isoDateTime.nullable(),
  yellowAt: isoDateTime.nullable(),
  provisional: z.boolean(),
  light: light.nullable(),
  urgent: z.boolean(),
  /**
   * What the case waits for outside its own term, and by when: the decision whether to accept a
   * petition, or the higher authority's answer on a reported case.
   */
  awaiting: z
    .object({
      what: z.enum(['petition_decision', 'authority']),
      dueAt: isoDateTime,
      yellowAt: isoDateTime,
      light: z.enum(['green', 'yellow', 'red']),
    })
    .nullable(),
  bounceCount: z.number(),
  closedAt: isoDateTime.nullable(),
  onTime: z.boolean().nullable(),
  version: z.number(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const noticeRef = z.object({
  id: z.number(),
  type: noticeType,
  number: z.string(),
  issuedAt: isoDateTime,
  supersedesId: z.number().nullable(),
  supersededById: z.number().nullable(),
});
export type NoticeRef = z.infer<typeof noticeRef>;

export const caseDetail = caseSummary.extend({
  centerId: z.number(),
  applicant: z.object({
    type: applicantType,
    name: z.string(),
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
  }),
  note: z.string(),
  queryCode: z.string(),
  firstResponderStaffId: z.number().nullable(),
  firstResponderName: z.string().nullable(),
  handovers: z.array(
    z.object({
      at: isoDateTime,
      /** Who did it when not the holder it came from (the director acting for the holder). */
      byName: z.string().nullable(),
      fromName: z.string().nullable(),
      toName: z.string().nullable(),
      toBusinessSection: z.boolean(),
      method: handoverMethod,
      note: z.string(),
    }),
  ),
  pauses: z.array(
    z.object({
      from: isoDateTime,
      to: isoDateTime.nullable(),
      reason: pauseReason,
      note: z.string(),
    }),
  ),
  extension: z
    .object({
      at: isoDateTime,
      days: z.number(),
      approverName: z.string(),
      reason: z.string(),
      /** When the holder asked for it, if by a request (延期申请): the instant it was judged at. */
      requestedAt: isoDateTime.optional(),
    })
    .nullable(),
  submission: z
    .object({
      at: isoDateTime,
      authority: z.string(),
      dueDate: isoDate,
      outcome: z.object({ at: isoDateTime, result: authorityResult, note: z.string() }).nullable(),
    })
    .nullable(),
  /** A petition: when its acceptance was to be decided, and the decision once made. */
  petitionDecision: z
    .object({
      dueAt: isoDateTime,
      decidedAt: isoDateTime.nullable(),
      accepted: z.boolean().nullable(),
      onTime: z.boolean().nullable(),
    })
    .nullable(),
  acceptedAt: isoDateTime.nullable(),
  clockStartAt: isoDateTime.nullable(),
  deemedAccepted: z.boolean(),
  termDays: z.number().nullable(),
  /** The catalog's term at acceptance, when urgency shortened it to `termDays`. */
  standardTermDays: z.number().nullable(),
  supplementDueAt: isoDateTime,
  missingYears: z.array(z.number()),
  answer: z.string(),
  materials: z.array(z.string()),
  /** What is wrong with a missing paper (缺少公章), by the paper's name; only papers with a remark. */
  materialRemarks: z.record(z.string(), z.string()),
  reasons: z.string(),
  result: z.string(),
  fees: z.array(z.object({ name: z.string(), amount: z.string() })),
  feesTotal: z.string(),
  itemMaterials: z.array(z.string()),
  itemFees: z.array(catalogFee),
  notices: z.array(noticeRef),
  timeline: z.array(
    z.object({
      at: isoDateTime,
      actorName: z.string(),
      action: z.string(),
      /** The holder the actor acted for, when the actor was not the holder (the director). */
      forName: z.string().nullable(),
      /** A line on what was done (an extension request's days and reason, an urge's note). */
      note: z.string().nullable().optional(),
    }),
  ),
  /** What the signed-in person may do with the case now (the rules and who holds it). */
  allowedActions: z.array(caseCommand),
  /** The signed-in person holds the case, or may act for its holder (the director). */
  holdsCase: z.boolean(),
  /** The numbers the forms need: the longest extension, the terms each kind may get. */
  limits: z.object({
    extensionMaxDays: z.number().nullable(),
    acceptTerms: z.array(
      z.object({
        kind: acceptedKind,
        standard: z.number().nullable(),
        urgent: z.number().nullable(),
      }),
    ),
  }),
});
export type CaseDetail = z.infer<typeof caseDetail>;

/** Who a case can be handed over to: the item's window first, each with whether at the post now. */
export const handOverTargets = z.object({
  items: z.array(
    z.object({
      staffId: z.number(),
      name: z.string(),
      position: z.string(),
      windowId: z.number().nullable(),
      windowName: z.string().nullable(),
      /** Sits at a window of the item's unit or one of its joint windows. */
      forItem: z.boolean(),
      /** Signed in today, not signed out and not away on leave or an outing (在岗). */
      atPost: z.boolean(),
    }),
  ),
});
export type HandOverTargets = z.infer<typeof handOverTargets>;
export const handOverTargetsQuery = z.object({
  centerId: id.optional(),
  /** The item the visitor came for: its windows come first. */
  itemId: id.optional(),
});

export const caseQuery = page.extend({
  centerId: id.optional(),
  /** open / closed, or one status. */
  status: z.union([z.enum(['open', 'closed']), caseStatus]).optional(),
  mine: z.enum(['true', 'false']).optional(),
  windowId: id.optional(),
  itemId: id.optional(),
  light: light.optional(),
  /** Receipt number or applicant name. */
  q: z.string().trim().max(50).optional(),
  /** The lists behind the statistics (docs/statistics.md). */
  channel: channel.optional(),
  ...statsListFilters,
});
export type CaseQuery = z.infer<typeof caseQuery>;
export const casePage = z.object({ items: z.array(caseSummary), total: z.number() });
export type CasePage = z.infer<typeof casePage>;

export const workbench = z.object({
  now: isoDateTime,
  staffId: z.number().nullable(),
  myOpen: z.array(caseSummary),
  today: z.array(caseSummary),
  counts: z.object({ open: z.number(), yellow: z.number(), red: z.number(), today: z.number() }),
  missingYears: z.array(z.number()),
});
export type Workbench = z.infer<typeof workbench>;

const lightCounts = {
  open: z.number(),
  yellow: z.number(),
  red: z.number(),
  paused: z.number(),
};
const rate = { completed: z.number(), onTime: z.number(), rate: z.number().nullable() };
export const board = z.object({
  now: isoDateTime,
  month: z.string(),
  totals: z.object(lightCounts),
  byWindow: z.array(
    z.object({ windowId: z.number().nullable(), windowName: z.string(), ...lightCounts }),
  ),
  byItem: z.array(
    z.object({ itemId: z.number().nullable(), itemName: z.string(), ...lightCounts }),
  ),
  overdue: z.array(caseSummary),
  /** Running cases turned yellow (即将到期), the nearest deadline first. */
  dueSoon: z.array(caseSummary),
  /** How often each listed case was urged (催办), and when last; cases never urged are left out. */
  urged: z.array(z.object({ caseId: z.number(), count: z.number(), lastAt: isoDateTime })),
  /** Petitions awaiting the decision to accept, reported cases awaiting the authority: due first. */
  awaiting: z.array(caseSummary),
  monthByWindow: z.array(
    z.object({ windowId: z.number().nullable(), windowName: z.string(), ...rate }),
  ),
  monthByItem: z.array(z.object({ itemId: z.number().nullable(), itemName: z.string(), ...rate })),
  missingYears: z.array(z.number()),
  /** Public reports the group has not decided by their date (15 working days), oldest first. */
  reportsOverdue: z.array(
    z.object({ id: z.number(), receivedAt: isoDateTime, decideDueAt: isoDateTime }),
  ),
  /** Completion announcements still pending past their time, or published late this month. */
  announcementsLate: z.array(
    z.object({
      id: z.number(),
      receiptNo: z.string(),
      itemName: z.string(),
      dueAt: isoDateTime,
      publishedAt: isoDateTime.nullable(),
    }),
  ),
  /** Ratings by applicants (好差评) given this month: how many counted, 差评, 满意率 (null: none). */
  ratingsMonth: z.object({
    count: z.number(),
    bad: z.number(),
    ratePercent: z.number().nullable(),
  }),
  /** 差评 follow-ups not closed whose call-back or reply is past its due time, oldest first. */
  ratingFollowUpsOverdue: z.array(
    z.object({
      ratingId: z.number(),
      receiptNo: z.string(),
      itemName: z.string(),
      assignedToName: z.string().nullable(),
      status: z.enum(['open', 'assigned', 'contacted', 'replied', 'closed']),
      contactDueAt: isoDateTime,
      fixDueAt: isoDateTime,
      contactOverdue: z.boolean(),
      fixOverdue: z.boolean(),
    }),
  ),
  /**
   * Terms for deciding (处理期限, issue 11): how many undecided reports, undecided appeals and open
   * 差评 follow-ups are about to run out of their term (yellow) and how many have (red).
   */
  decidingTerms: z.object({
    reports: z.object({ dueSoon: z.number(), overdue: z.number() }),
    appeals: z.object({ dueSoon: z.number(), overdue: z.number() }),
    ratingFollowUps: z.object({ dueSoon: z.number(), overdue: z.number() }),
  }),
});
export type Board = z.infer<typeof board>;
export const boardQuery = z.object({
  centerId: id.optional(),
  /** YYYY-MM; this month by default. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 年-月，如 2026-03')
    .optional(),
});

// ── 通知书 ──────────────────────────────────────────────────────────────────

/** Everything printed on a notice, fixed when it is issued. */
export const noticeContent = z.object({
  title: z.string(),
  number: z.string(),
  centerName: z.string(),
  receiptNo: z.string(),
  queryCode: z.string(),
  applicantLabel: z.string(),
  applicantName: z.string(),
  idLabel: z.string(),
  idMasked: z.string().nullable(),
  itemName: z.string(),
  /** Label/value lines under the heading (channel, window, dates…). */
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
  /** The body, paragraph by paragraph. */
  paragraphs: z.array(z.string()),
  /** A numbered list (missing materials), with its heading. */
  list: z.object({ heading: z.string(), items: z.array(z.string()) }).nullable(),
  /** When this notice corrects an earlier one. */
  correction: z.object({ supersedes: z.string(), reason: z.string() }).nullable(),
  issuedByName: z.string(),
  windowName: z.string(),
  /** 2026年3月2日 */
  issuedOn: z.string(),
  queryHint: z.string(),
  /** The center's phone and working hours when issued (notices of issue 10 on; older ones lack them). */
  centerPhone: z.string().optional(),
  centerHours: z.string().optional(),
});
export type NoticeContent = z.infer<typeof noticeContent>;

export const notice = noticeRef.extend({
  caseId: z.number(),
  content: noticeContent,
});
export type Notice = z.infer<typeof notice>;

export const correctNoticeBody = z.object({
  reason: text(500),
  applicantName: text(100).optional(),
  materials: z.array(text(100)).min(1).max(50).optional(),
  /** The remarks of the corrected list; without it, the remarks of papers still listed stay. */
  remarks: materialRemarks.optional(),
  reasons: text(2000).optional(),
});

// ── 超期违纪线索 ────────────────────────────────────────────────────────────

export const violationStatus = z.enum(['pending', 'confirmed', 'dismissed']);
export const violationCandidate = z.object({
  id: z.number(),
  centerId: z.number(),
  caseId: z.number(),
  receiptNo: z.string(),
  itemName: z.string().nullable(),
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  windowName: z.string().nullable(),
  /** open_overdue: still open past its deadline; completed_late: finished after it. */
  kind: z.enum(['open_overdue', 'completed_late']),
  /** Assessment item (考核内容) the candidate falls under: 6, time-limited completion. */
  assessmentItem: z.number(),
  detectedAt: isoDateTime,
  deadlineAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  status: violationStatus,
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionReason: z.string().nullable(),
  evidence: z.unknown(),
  version: z.number(),
});
export type ViolationCandidate = z.infer<typeof violationCandidate>;
export const violationQuery = page.extend({
  centerId: id.optional(),
  status: violationStatus.optional(),
});
export const violationPage = z.object({ items: z.array(violationCandidate), total: z.number() });
export const decideViolationBody = z.object({
  version,
  decision: z.enum(['confirm', 'dismiss']),
  reason: text(1000),
});

// ── 公众查询 ────────────────────────────────────────────────────────────────

export const publicCaseQuery = z.object({
  receiptNo: z.string().trim().min(1).max(40),
  queryCode: z.string().trim().min(1).max(20),
});
export const publicCaseStatus = z.object({
  receiptNo: z.string(),
  centerName: z.string(),
  itemName: z.string(),
  status: caseStatus,
  acceptedKind: acceptedKind.nullable(),
  windowName: z.string().nullable(),
  receivedAt: isoDateTime,
  acceptedAt: isoDateTime.nullable(),
  deadlineDate: isoDate.nullable(),
  paused: z.boolean(),
  closedAt: isoDateTime.nullable(),
  /** Past the promised day and not finished: said plainly, never hidden behind the promise. */
  overdue: z.boolean(),
  /** 待补正: the papers still missing, as the supplement notice listed them (with their remarks). */
  missingMaterials: z.array(z.string()),
  /** While paused: what the clock waits for (e.g. 专家评审). */
  pauseReason: z.string().nullable(),
  /** Completed: the result; returned: the reasons; answered: the answer. */
  resultText: z.string().nullable(),
  /** Whom to call (and where to complain) about this case. */
  centerCode: z.string(),
  centerPhone: z.string(),
  /** What the applicant should do next, in plain words. */
  message: z.string(),
});
export type PublicCaseStatus = z.infer<typeof publicCaseStatus>;
