/**
 * Roles of DOMAIN.md "Who uses it" and what each may do. Deny by default: a permission not listed
 * for any of a user's roles is refused.
 */
export const ROLES = [
  'county_admin',
  'center_admin',
  'director',
  'window_staff',
  'duty_officer',
  'business_section',
  'supervising_leader',
  'assessment_leader',
  'assessment_deputy',
  'assessment_member',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'centers.read',
  'centers.manage',
  /** A center's address and service phone, as the citizens' portal shows them. */
  'centers.contact',
  'org.read',
  'org.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'audit.verify',
  'calendar.read',
  'calendar.manage',
  'catalog.read',
  'catalog.manage',
  'cases.read',
  'cases.work',
  'cases.approve',
  'cases.board',
  /** 办件统计 of every center side by side, and the county's monthly comparison (county admin). */
  'stats.county',
  /** 催办: press the holder of an open case (the director, a supervising leader). */
  'cases.urge',
  'violations.read',
  'violations.decide',
  'assessment.read',
  'assessment.manage',
  'settlements.approve',
  'regulations.manage',
  'regulations.sign',
  'attendance.read',
  'duty.manage',
  'reports.manage',
  'evaluations.decide',
  /** The messages sent out (短信记录) and their delivery state. */
  'outbox.read',
  /** Bookings (预约): list, enter one that came by phone, letter or e-mail, cancel, move, no-show. */
  'appointments.work',
  /** How many people each window takes per slot, how far ahead one may book. */
  'appointments.settings',
  /** Completion announcements (办结公告): publish one, or withhold it with a reason. */
  'announcements.manage',
  /** How long an announcement stays on the public board. */
  'announcements.settings',
  /** Home visits (上门服务): list, enter one that came by phone, schedule, record, cancel. */
  'visits.work',
  /** Holiday call-outs (节假日召回): record who was notified, when, and when they arrived. */
  'callouts.record',
  /** The response time a call-out is measured against. */
  'callouts.settings',
  /** Unanswered and late call-outs, for the assessment group to decide on (nothing automatic). */
  'callouts.review',
  /** Ratings by applicants (好差评): the list, the satisfaction rate, the 差评 follow-ups. */
  'ratings.read',
  /** Assign a 差评's follow-up, act on it for the assignee, close it. */
  'ratings.manage',
  /** The follow-up terms and the rating window. */
  'ratings.settings',
  /** Backups (数据备份): their list and state, and one taken now (the county admin). */
  'system.backups',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  county_admin: [
    'centers.read',
    'centers.manage',
    'centers.contact',
    'org.read',
    'org.manage',
    'users.read',
    'users.manage',
    'calendar.read',
    'calendar.manage',
    'catalog.read',
    'catalog.manage',
    'cases.read',
    'cases.board',
    'stats.county',
    'regulations.manage',
    'outbox.read',
    'system.backups',
  ],
  center_admin: [
    'centers.read',
    'centers.contact',
    'org.read',
    'org.manage',
    'users.read',
    'users.manage',
    'calendar.read',
    'calendar.manage',
    'catalog.read',
    'catalog.manage',
    'cases.read',
    'cases.board',
    'regulations.manage',
    'duty.manage',
    'reports.manage',
    'outbox.read',
    'appointments.work',
    'appointments.settings',
    'announcements.manage',
    'announcements.settings',
    'ratings.settings',
    'visits.work',
    'callouts.record',
    'callouts.settings',
  ],
  director: [
    'centers.read',
    'org.read',
    'users.read',
    'calendar.read',
    'catalog.read',
    'cases.read',
    'cases.work',
    'cases.approve',
    'cases.board',
    'cases.urge',
    'regulations.sign',
    'ratings.read',
    'ratings.manage',
    'ratings.settings',
    'attendance.read',
    'outbox.read',
    'appointments.work',
    'announcements.manage',
    'visits.work',
    'callouts.record',
    'callouts.review',
  ],
  window_staff: [
    'centers.read',
    'org.read',
    'calendar.read',
    'catalog.read',
    'cases.read',
    'cases.work',
    'appointments.work',
    'visits.work',
  ],
  duty_officer: [
    'centers.read',
    'org.read',
    'calendar.read',
    'catalog.read',
    'cases.read',
    'cases.work',
    'reports.manage',
    'appointments.work',
    'visits.work',
    'callouts.record',
  ],
  business_section: [
    'centers.read',
    'org.read',
    'calendar.read',
    'catalog.read',
    'cases.read',
    'cases.work',
    'appointments.work',
    'visits.work',
  ],
  supervising_leader: [
    'centers.read',
    'org.read',
    'calendar.read',
    'catalog.read',
    'cases.read',
    'cases.approve',
    'cases.board',
    'cases.urge',
    'attendance.read',
    'ratings.read',
  ],
  assessment_leader: [
    'centers.read',
    'org.read',
    'audit.read',
    'audit.verify',
    'calendar.read',
    'catalog.read',
    'cases.read',
    'violations.read',
    'violations.decide',
    'assessment.read',
    'assessment.manage',
    'ratings.read',
    'settlements.approve',
    'attendance.read',
    'reports.manage',
    'callouts.review',
    'evaluations.decide',
  ],
  assessment_deputy: [
    'centers.read',
    'org.read',
    'audit.read',
    'audit.verify',
    'calendar.read',
    'catalog.read',
    'cases.read',
    'violations.read',
    'violations.decide',
    'assessment.read',
    'assessment.manage',
    'ratings.read',
    'attendance.read',
    'reports.manage',
    'callouts.review',
  ],
  assessment_member: [
    'centers.read',
    'org.read',
    'audit.read',
    'calendar.read',
    'catalog.read',
    'cases.read',
    'violations.read',
    'violations.decide',
    'assessment.read',
    'assessment.manage',
    'ratings.read',
    'attendance.read',
    'reports.manage',
    'callouts.review',
  ],
};

export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  return new Set(roles.flatMap((r) => GRANTS[r]));
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => GRANTS[r].includes(permission));
}

/** Roles that act across every center of an installation; all others are bound to one center. */
export function isCrossCenter(roles: readonly Role[]): boolean {
  return roles.includes('county_admin');
}

/**
 * Roles that decide over other people — their money, findings, ratings, appeals and leave, and the
 * rules these follow (the director signs the regulations): the assessment group, the supervising
 * leader and the director. The township appoints them, not the center's office, so only the county
 * admin grants or takes them away (docs/security.md). A center admin who could grant them could make
 * herself, or an account she controls, judge of her colleagues.
 */
export const OVERSIGHT_ROLES: readonly Role[] = [
  'director',
  'supervising_leader',
  'assessment_leader',
  'assessment_deputy',
  'assessment_member',
];

/**
 * Which roles a user holding `granter` roles may hand out (or take away): the county admin any; a
 * center admin the center's working roles, never the county role or an oversight role.
 */
export function mayGrant(granter: readonly Role[], role: Role): boolean {
  if (granter.includes('county_admin')) return true;
  if (granter.includes('center_admin'))
    return role !== 'county_admin' && !OVERSIGHT_ROLES.includes(role);
  return false;
}
