import type { ColumnType, Generated } from 'kysely';

/** The database as Kysely sees it. Each table's columns as they are read and written. */
type Id = Generated<number>;
/** Written once from the application's clock (never SQL now(): see migration 0008). */
type CreatedAt = ColumnType<Date, Date | string, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface CentersTable {
  id: Id;
  code: string;
  name: string;
  region: string;
  /** Where the center is, and its service phone (0012; '' until entered). */
  address: Generated<string>;
  phone: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface WindowUnitsTable {
  id: Id;
  center_id: number;
  code: string;
  name: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface WindowsTable {
  id: Id;
  center_id: number;
  window_unit_id: number;
  number: string;
  name: string;
  /** People this window takes per booking slot (0014; 0: no bookings). */
  booking_capacity: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface StaffTable {
  id: Id;
  center_id: number;
  staff_no: string;
  name: string;
  position: string;
  window_id: number | null;
  supervisor_id: number | null;
  in_post_from: string;
  in_post_to: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Id;
  center_id: number | null;
  staff_id: number | null;
  username: string;
  display_name: string;
  password_hash: string;
  roles: ColumnType<string[], string[], string[]>;
  disabled: Generated<boolean>;
  must_change_password: Generated<boolean>;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a leaked table gives no usable session. */
  id: string;
  user_id: number;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface TrustedDevicesTable {
  /** SHA-256 of the device cookie token. */
  id: string;
  user_id: number;
  created_at: CreatedAt;
  last_used_at: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface AuditLogTable {
  id: Id;
  chain: string;
  center_id: number | null;
  seq: number;
  at: Timestamp;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  /** 1: the first hash (some columns left out); 2: every column (decision 0004). */
  hash_version: number;
  /** The id of the key whose HMAC `hash` is; null for a plain SHA-256. */
  key_id: string | null;
}

export interface AuditHeadsTable {
  chain: string;
  seq: number;
  hash: string;
}

export interface CalendarYearsTable {
  center_id: number;
  year: number;
  /** Where the year came from: 'chinese-days' (seeded) or 'manual'. */
  source: string;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface CalendarDaysTable {
  center_id: number;
  year: number;
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface BusinessHoursTable {
  center_id: number;
  season_from: string;
  open_at: string;
  close_at: string;
}

/** A jsonb column: written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string | undefined, string>;
type MaybeTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface CaseSettingsTable {
  center_id: number;
  yellow_at_percent: number;
  petition_days: number;
  petition_extension_max_days: number;
  extension_max_working_days: number;
  supplement_within_working_days: number;
  petition_decision_days: Generated<number>;
  urgent_term_percent: Generated<number>;
  version: Generated<number>;
}

export interface ServiceItemsTable {
  id: Id;
  center_id: number;
  code: string;
  name: string;
  window_unit_id: number;
  default_kind: 'immediate' | 'promised' | 'petition' | 'reported';
  promised_days: number | null;
  legal_days: number | null;
  materials: Json<string[]>;
  fees: Json<{ name: string; amount: string; basis: string }[]>;
  announce: Generated<boolean>;
  joint_window_ids: Json<number[]>;
  /** Common names people use (0012), e.g. 低保 for 最低生活保障. */
  aliases: Json<string[]>;
  /** Can be booked (预约) and done at home (上门服务, 代办) (0012). */
  appointment: Generated<boolean>;
  home_visit: Generated<boolean>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
}

/** Stored shapes of the case's jsonb columns (instants as ISO strings). */
export interface StoredHandover {
  at: string;
  /** Who did it (0010); absent on older hand-overs, which their holder did. */
  byStaffId?: number | null;
  fromStaffId: number | null;
  fromWindowId: number | null;
  toStaffId: number | null;
  toWindowId: number | null;
  toBusinessSection: boolean;
  method: 'escorted' | 'phone';
  note: string;
}
export interface StoredPause {
  from: string;
  to: string | null;
  reason: 'hearing' | 'testing' | 'expert_review' | 'awaiting_applicant';
  note: string;
}
export interface StoredExtension {
  at: string;
  days: number;
  approverName: string;
  reason: string;
  /** When the holder asked for it, if by a request (0020, 延期申请). */
  requestedAt?: string;
}
export interface StoredSubmission {
  at: string;
  authority: string;
  dueDate: string;
  /** The higher authority's answer (0010); absent on older submissions. */
  outcome?: { at: string; result: 'approved' | 'refused' | 'other'; note: string } | null;
}
export interface StoredPetitionDecision {
  at: string;
  accepted: boolean;
}

export interface CasesTable {
  id: Id;
  center_id: number;
  receipt_no: string;
  query_code: string;
  item_id: number | null;
  subject: Generated<string>;
  channel: string;
  applicant_type: 'person' | 'enterprise';
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  note: Generated<string>;
  status: string;
  accepted_kind: string | null;
  first_responder_staff_id: number | null;
  holder_staff_id: number | null;
  window_id: number | null;
  at_business_section: Generated<boolean>;
  joint: Generated<boolean>;
  handovers: Json<StoredHandover[]>;
  bounce_count: Generated<number>;
  received_at: Timestamp;
  supplement_due_at: Timestamp;
  supplement_at: MaybeTimestamp;
  accepted_at: MaybeTimestamp;
  clock_start_at: MaybeTimestamp;
  deemed_accepted: Generated<boolean>;
  term_days: number | null;
  standard_term_days: number | null;
  urgent: Generated<boolean>;
  petition: Generated<boolean>;
  petition_decision: Json<StoredPetitionDecision | null>;
  /** What the case waits for outside its own term, and by when (0010). */
  awaiting: 'petition_decision' | 'authority' | null;
  awaiting_due_at: MaybeTimestamp;
  awaiting_yellow_at: MaybeTimestamp;
  extension: Json<StoredExtension | null>;
  pauses: Json<StoredPause[]>;
  submission: Json<StoredSubmission | null>;
  deadline_at: MaybeTimestamp;
  yellow_at: MaybeTimestamp;
  /** The warning last told to the holder (0019): each turn yellow or red is told once. */
  warned: Generated<'yellow' | 'red' | null>;
  deadline_provisional: Generated<boolean>;
  missing_years: Json<number[]>;
  closed_at: MaybeTimestamp;
  on_time: boolean | null;
  answer: Generated<string>;
  materials: Json<string[]>;
  /** A remark per missing paper (0022): the paper's name → what is wrong with it (缺少公章). */
  material_remarks: Json<Record<string, string>>;
  reasons: Generated<string>;
  result: Generated<string>;
  fees: Json<{ name: string; amount: string }[]>;
  fees_total: ColumnType<string, string | undefined, string>;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface ReceiptCountersTable {
  center_id: number;
  day: string;
  last: number;
}

export interface NoticeCountersTable {
  center_id: number;
  year: number;
  type: string;
  last: number;
}

export interface NoticesTable {
  id: Id;
  center_id: number;
  case_id: number;
  type: string;
  number: string;
  issued_at: Timestamp;
  issued_by_user_id: number | null;
  content: Json<unknown>;
  supersedes_id: number | null;
}

export interface ViolationCandidatesTable {
  id: Id;
  center_id: number;
  case_id: number;
  staff_id: number | null;
  kind: 'open_overdue' | 'completed_late';
  assessment_item: Generated<number>;
  detected_at: Timestamp;
  deadline_at: Timestamp;
  closed_at: MaybeTimestamp;
  evidence: Json<unknown>;
  status: Generated<'pending' | 'confirmed' | 'dismissed'>;
  decided_by_user_id: number | null;
  decided_by_name: string | null;
  decided_at: MaybeTimestamp;
  decision_reason: string | null;
  version: Generated<number>;
}

export interface RegulationsTable {
  id: Id;
  center_id: number;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface RegulationVersionsTable {
  id: Id;
  center_id: number;
  regulation_id: number;
  seq: number;
  name: string;
  introduction: string;
  body: string;
  supplementary: string;
  status: 'draft' | 'consultation' | 'signed' | 'published';
  consultation_until: string | null;
  effective_from: string;
  policy: Json<unknown>;
  signed_by_name: string | null;
  signed_at: MaybeTimestamp;
  published_at: MaybeTimestamp;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface RegulationCommentsTable {
  id: Id;
  version_id: number;
  user_id: number;
  author_name: string;
  body: string;
  at: Timestamp;
}

export interface RegulationAcksTable {
  version_id: number;
  user_id: number;
  at: Timestamp;
}

export type InspectionLevel = 'town' | 'joint_check' | 'county' | 'city' | 'province';
export type FindingLevel = InspectionLevel | 'public_report';

export interface InspectionsTable {
  id: Id;
  center_id: number;
  level: InspectionLevel;
  inspected_on: string;
  inspectors: string;
  note: Generated<string>;
  recorded_by_user_id: number | null;
  recorded_by_staff_id: number | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface FindingsTable {
  id: Id;
  center_id: number;
  staff_id: number;
  source: 'inspection' | 'overdue_case' | 'public_report';
  inspection_id: number | null;
  violation_candidate_id: number | null;
  date: string;
  level: FindingLevel;
  circulated: Generated<boolean>;
  item: number;
  description: string;
  serious: Generated<boolean>;
  recorded_by_user_id: number | null;
  recorded_by_staff_id: number | null;
  revoked: Generated<boolean>;
  /** Voided by the group as entered by mistake (0011): then also `revoked`. */
  voided_at: MaybeTimestamp;
  voided_by_user_id: number | null;
  voided_by_staff_id: number | null;
  voided_by_name: string | null;
  void_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface EvidenceFilesTable {
  id: Id;
  center_id: number;
  finding_id: number;
  file_name: string;
  media_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by_user_id: number | null;
  at: Timestamp;
  /** 0025: when its content was removed at the end of its retention (docs/privacy.md). */
  purged_at: MaybeTimestamp;
}

export interface SettlementsTable {
  id: Id;
  center_id: number;
  staff_id: number;
  year: number;
  half: 1 | 2;
  pool_fen: number;
  owed_fen: number;
  carried_in_fen: number;
  applied_fen: number;
  adjustment_fen: number;
  carried_out_fen: number;
  written_off_fen: number;
  payable_fen: number;
  lines: Json<unknown[]>;
  debts: Json<unknown[]>;
  approved_by_user_id: number | null;
  approved_by_name: string;
  approved_at: Timestamp;
}

export interface AppealsTable {
  id: Id;
  center_id: number;
  staff_id: number;
  subject: 'finding' | 'settlement' | 'rating';
  finding_id: number | null;
  settlement_id: number | null;
  year: number | null;
  reason: string;
  filed_at: Timestamp;
  deadline_on: string;
  status: Generated<'pending' | 'upheld' | 'revoked' | 'changed'>;
  change: Json<unknown>;
  decided_by_user_id: number | null;
  decided_by_name: string | null;
  decided_at: MaybeTimestamp;
  decision_reason: string | null;
  version: Generated<number>;
  /** Settlement-line appeals: the line, and the finding it disputes when the line is about findings. */
  line_index: Generated<number | null>;
  line_finding_id: Generated<number | null>;
  /** Rating appeals: the evaluation revision disputed. */
  evaluation_id: Generated<number | null>;
  /** 0021: the term for deciding, its due-soon instant, and what was last told of it. */
  decide_due_at: MaybeTimestamp;
  decide_yellow_at: MaybeTimestamp;
  term_told: Generated<'due_soon' | 'overdue' | null>;
}

/** A year-end evaluation revision (综合考评): never updated; a change on appeal is a new revision. */
export interface EvaluationsTable {
  id: Id;
  center_id: number;
  staff_id: number;
  year: number;
  revision: number;
  rating: '优秀' | '称职' | '基本称职' | '不称职';
  reason: string;
  proposed_rating: '优秀' | '称职' | '基本称职' | '不称职';
  summary: Json<unknown>;
  appeal_id: number | null;
  decided_by_user_id: number | null;
  decided_by_staff_id: number | null;
  decided_by_name: string;
  decided_at: Timestamp;
}

export interface SignEventsTable {
  id: Id;
  center_id: number;
  staff_id: number;
  day: string;
  kind: 'in' | 'out';
  at: Timestamp;
  window_id: number | null;
  correction: Generated<boolean>;
  correction_reason: string | null;
  recorded_by_user_id: number | null;
  recorded_by_name: string;
  created_at: Timestamp;
}

export interface LeaveRequestsTable {
  id: Id;
  center_id: number;
  staff_id: number;
  approver_staff_id: number;
  kind: 'official_leave' | 'personal_leave' | 'outing';
  from_at: Timestamp;
  to_at: Timestamp;
  reason: string;
  status: Generated<'pending' | 'approved' | 'rejected' | 'cancelled'>;
  requested_by_user_id: number | null;
  requested_at: Timestamp;
  decided_by_user_id: number | null;
  decided_by_name: string | null;
  decided_at: MaybeTimestamp;
  decision_note: string | null;
  version: Generated<number>;
}

export interface DutyDaysTable {
  center_id: number;
  day: string;
  note: Generated<string>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface DutyOfficersTable {
  center_id: number;
  day: string;
  staff_id: number;
  seq: number;
}

export interface Database {
  centers: CentersTable;
  window_units: WindowUnitsTable;
  windows: WindowsTable;
  staff: StaffTable;
  users: UsersTable;
  sessions: SessionsTable;
  trusted_devices: TrustedDevicesTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  business_hours: BusinessHoursTable;
  case_settings: CaseSettingsTable;
  service_items: ServiceItemsTable;
  cases: CasesTable;
  receipt_counters: ReceiptCountersTable;
  notice_counters: NoticeCountersTable;
  notices: NoticesTable;
  violation_candidates: ViolationCandidatesTable;
  regulations: RegulationsTable;
  regulation_versions: RegulationVersionsTable;
  regulation_comments: RegulationCommentsTable;
  regulation_acks: RegulationAcksTable;
  inspections: InspectionsTable;
  findings: FindingsTable;
  evidence_files: EvidenceFilesTable;
  settlements: SettlementsTable;
  appeals: AppealsTable;
  evaluations: EvaluationsTable;
  sign_events: SignEventsTable;
  leave_requests: LeaveRequestsTable;
  duty_days: DutyDaysTable;
  duty_officers: DutyOfficersTable;
  public_reports: PublicReportsTable;
  public_report_replies: PublicReportRepliesTable;
  discipline_referrals: DisciplineReferralsTable;
  outbox_messages: OutboxMessagesTable;
  sms_codes: SmsCodesTable;
  appointment_settings: AppointmentSettingsTable;
  bookings: BookingsTable;
  announcement_settings: AnnouncementSettingsTable;
  announcements: AnnouncementsTable;
  home_visits: HomeVisitsTable;
  home_visit_staff: HomeVisitStaffTable;
  callout_settings: CalloutSettingsTable;
  holiday_callouts: HolidayCalloutsTable;
  rating_settings: RatingSettingsTable;
  ratings: RatingsTable;
  rating_follow_ups: RatingFollowUpsTable;
  rating_contests: RatingContestsTable;
  rating_tokens: RatingTokensTable;
  extension_requests: ExtensionRequestsTable;
  case_urges: CaseUrgesTable;
  inbox_items: InboxItemsTable;
  inbox_prefs: InboxPrefsTable;
  backups: BackupsTable;
}

/** One backup taken or tried (migration 0023, src/backup/). */
export interface BackupsTable {
  id: Id;
  trigger: 'schedule' | 'console' | 'command';
  state: Generated<'running' | 'succeeded' | 'failed'>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  host: string;
  started_by: number | null;
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  migration: string | null;
  counts: ColumnType<Record<string, number> | null, string | null, string | null>;
  removed: Generated<string[]>;
  error: string | null;
}

export interface PublicReportsTable {
  id: Id;
  center_id: number;
  received_at: Timestamp;
  channel: 'hotline' | 'online' | 'letter' | 'visit';
  reporter_name: string;
  reporter_contact: string;
  content: string;
  staff_id: number | null;
  occurred_on: string | null;
  item: number | null;
  registered_by_user_id: number | null;
  registered_by_name: string;
  status: Generated<'received' | 'substantiated' | 'unsubstantiated'>;
  decision_reason: string | null;
  finding_id: number | null;
  decided_by_user_id: number | null;
  decided_by_name: string | null;
  decided_at: Timestamp | null;
  /** 0015: the portal's tracking code, the mobile for the SMS reply, whom it is about, the term. */
  tracking_code: string | null;
  reporter_phone: string | null;
  anonymous: Generated<boolean>;
  about: Generated<string>;
  decide_due_at: MaybeTimestamp;
  version: Generated<number>;
  /** 0021: when the decision term is about to run out, and what was last told of it. */
  decide_yellow_at: MaybeTimestamp;
  term_told: Generated<'due_soon' | 'overdue' | null>;
}

export interface PublicReportRepliesTable {
  report_id: number;
  center_id: number;
  replied_at: Timestamp;
  method: 'phone' | 'sms' | 'letter' | 'visit' | 'online';
  content: string;
  recorded_by_user_id: number | null;
  recorded_by_name: string;
  recorded_at: Timestamp;
}

export interface DisciplineReferralsTable {
  id: Id;
  center_id: number;
  finding_id: number;
  referred_to: string;
  referred_on: string;
  note: Generated<string>;
  referred_by_user_id: number | null;
  referred_by_name: string;
  recorded_at: Timestamp;
  outcome: string | null;
  outcome_on: string | null;
  outcome_by_user_id: number | null;
  outcome_by_name: string | null;
  outcome_recorded_at: Timestamp | null;
  version: Generated<number>;
}

export interface AppointmentSettingsTable {
  center_id: number;
  slot_minutes: Generated<number>;
  days_ahead: Generated<number>;
  no_show_limit: Generated<number>;
  no_show_window_days: Generated<number>;
  suspend_days: Generated<number>;
  version: Generated<number>;
}

export type BookingChannel = 'online' | 'phone' | 'letter' | 'email';
export type BookingStatusColumn = 'booked' | 'cancelled' | 'arrived' | 'no_show';

export interface BookingsTable {
  id: Id;
  center_id: number;
  code: string;
  item_id: number;
  window_unit_id: number;
  slot_date: string;
  slot_start: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  applicant_name: string;
  phone: string;
  channel: BookingChannel;
  note: Generated<string>;
  status: Generated<BookingStatusColumn>;
  case_id: number | null;
  created_at: CreatedAt;
  created_by_user_id: number | null;
  created_by_name: string;
  closed_at: MaybeTimestamp;
  closed_by_name: string | null;
  moves: Generated<number>;
  slot_set_at: Timestamp;
  version: Generated<number>;
}

export type OutboxState = 'pending' | 'sent' | 'failed';

/** A message out (0013): written with the change it reports, sent by the worker (modules/outbox). */
export interface OutboxMessagesTable {
  id: Id;
  center_id: number | null;
  channel: Generated<'sms'>;
  recipient: string;
  template: string;
  params: Json<Record<string, string>>;
  body: string;
  subject_type: string | null;
  subject_id: string | null;
  dedupe_key: string | null;
  state: Generated<OutboxState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  provider: string | null;
  provider_message_id: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export type SmsCodePurpose = 'booking' | 'report' | 'rating' | 'manage' | 'visit';

/** One SMS verification code (0013): only its salted hash is stored. */
export interface SmsCodesTable {
  id: Id;
  phone: string;
  purpose: SmsCodePurpose;
  center_id: number | null;
  code_hash: string;
  salt: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  tries: Generated<number>;
  used_at: Timestamp | null;
  request_ip: string | null;
}

export interface AnnouncementSettingsTable {
  center_id: number;
  publish_days: Generated<number>;
  version: Generated<number>;
}

export interface AnnouncementsTable {
  id: Id;
  center_id: number;
  case_id: number;
  completed_at: Timestamp;
  due_at: Timestamp;
  applicant_shown: string;
  result_line: string;
  status: Generated<'pending' | 'published' | 'withheld'>;
  published_at: MaybeTimestamp;
  published_by_name: string | null;
  until_at: MaybeTimestamp;
  withheld_reason: string | null;
  withheld_by_name: string | null;
  withheld_at: MaybeTimestamp;
  created_at: CreatedAt;
  version: Generated<number>;
  /** 0021: when the director was told it is late (once). */
  late_told_at: MaybeTimestamp;
}

/** A home visit (0017): requested, scheduled, visited or cancelled (modules/visits). */
export interface HomeVisitsTable {
  id: Id;
  center_id: number;
  tracking_code: string;
  category: 'elderly' | 'disabled' | 'sick' | 'enterprise' | 'investment';
  requester_name: string;
  phone: string;
  address: string;
  item_id: number | null;
  item_text: Generated<string>;
  reason: string;
  /** 'YYYY-MM-DD' each. */
  preferred_dates: ColumnType<string[], string[], string[]>;
  channel: 'online' | 'phone' | 'letter' | 'email' | 'walk_in';
  requested_at: CreatedAt;
  entered_by_user_id: number | null;
  entered_by_name: string;
  status: Generated<'requested' | 'scheduled' | 'visited' | 'cancelled'>;
  scheduled_date: string | null;
  scheduled_at: MaybeTimestamp;
  scheduled_by_name: string | null;
  reschedules: Generated<number>;
  arrived_at: MaybeTimestamp;
  outcome: string | null;
  case_id: number | null;
  recorded_by_name: string | null;
  cancel_reason: string | null;
  closed_at: MaybeTimestamp;
  version: Generated<number>;
}

export interface HomeVisitStaffTable {
  visit_id: number;
  role: 'assigned' | 'visitor';
  staff_id: number;
  seq: number;
}

export interface CalloutSettingsTable {
  center_id: number;
  response_minutes: Generated<number>;
  version: Generated<number>;
}

/** One person called out on a weekend or holiday (0017). */
export interface HolidayCalloutsTable {
  id: Id;
  center_id: number;
  day: string;
  matter: string;
  staff_id: number;
  notified_at: Timestamp;
  arrived_at: MaybeTimestamp;
  note: Generated<string>;
  recorded_at: CreatedAt;
  recorded_by_user_id: number | null;
  recorded_by_name: string;
  version: Generated<number>;
}

/** Ratings by applicants (0018, 好差评): one per case, its follow-up, a contest, the SMS token. */
export interface RatingSettingsTable {
  center_id: number;
  /** The follow-up terms moved into the performance policy (0021). */
  window_days: Generated<number>;
  version: Generated<number>;
}

export type SatisfactionLevelColumn =
  'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'very_dissatisfied';

export interface RatingsTable {
  id: Id;
  center_id: number;
  case_id: number;
  level: SatisfactionLevelColumn;
  reasons: Json<string[]>;
  text: Generated<string>;
  channel: 'portal' | 'sms_link' | 'window';
  entered_by_user_id: number | null;
  entered_by_name: string | null;
  rated_at: Timestamp;
  staff_id: number | null;
  case_closed_at: Timestamp;
  excluded: Generated<boolean>;
  version: Generated<number>;
}

export interface RatingFollowUpsTable {
  id: Id;
  center_id: number;
  rating_id: number;
  contact_due_at: Timestamp;
  fix_due_at: Timestamp;
  due_provisional: Generated<boolean>;
  assigned_to_staff_id: number | null;
  assigned_by_name: string | null;
  assigned_at: MaybeTimestamp;
  contacted_at: MaybeTimestamp;
  contact_note: Generated<string>;
  contacted_by_name: string | null;
  rectification: Generated<string>;
  reply: Generated<string>;
  replied_at: MaybeTimestamp;
  replied_by_name: string | null;
  closed_at: MaybeTimestamp;
  closed_by_name: string | null;
  version: Generated<number>;
  /** 0021: when each term is about to run out, and what was last told of it. */
  contact_yellow_at: MaybeTimestamp;
  fix_yellow_at: MaybeTimestamp;
  contact_told: Generated<'due_soon' | 'overdue' | null>;
  fix_told: Generated<'due_soon' | 'overdue' | null>;
}

export interface RatingContestsTable {
  id: Id;
  center_id: number;
  rating_id: number;
  staff_id: number;
  reason: string;
  filed_at: Timestamp;
  filed_by_name: string;
  decision: 'upheld' | 'rejected' | null;
  decision_reason: string | null;
  decided_by_user_id: number | null;
  decided_by_name: string | null;
  decided_at: MaybeTimestamp;
  version: Generated<number>;
}

export interface RatingTokensTable {
  case_id: number;
  token_hash: string;
  created_at: CreatedAt;
}

/** One thing for one person to see (0019, 待办与提醒): made with the change it reports. */
export interface InboxItemsTable {
  id: Id;
  center_id: number | null;
  user_id: number;
  kind: string;
  title: string;
  body: Generated<string>;
  link: string;
  subject_type: string;
  subject_id: string;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: MaybeTimestamp;
}

/** A person's choice of text messages for inbox items, and of the morning digest (0019). */
export interface InboxPrefsTable {
  user_id: number;
  sms_mobile: string | null;
  sms_kinds: Json<string[]>;
  digest: Generated<boolean>;
  version: Generated<number>;
}

/** The holder's request for the one extension of a case's term (0020, 延期申请). */
export interface ExtensionRequestsTable {
  id: Id;
  center_id: number;
  case_id: number;
  requested_by_user_id: number;
  requested_by_staff_id: number | null;
  requested_by_name: string;
  days: number;
  reason: string;
  requested_at: Timestamp;
  status: Generated<'pending' | 'approved' | 'refused' | 'withdrawn'>;
  decided_by_user_id: number | null;
  decided_by_name: string | null;
  decided_at: MaybeTimestamp;
  decision_reason: Generated<string>;
  version: Generated<number>;
}

/** A leader urged the holder of a case (0020, 催办); never changed. */
export interface CaseUrgesTable {
  id: Id;
  center_id: number;
  case_id: number;
  by_user_id: number;
  by_name: string;
  note: Generated<string>;
  at: CreatedAt;
}
