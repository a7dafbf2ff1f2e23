import type { ColumnType, Generated } from 'kysely';

/** The database as Kysely sees it. Each table's columns as they are read and written. */
type Id = Generated<number>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface CentersTable {
  id: Id;
  code: string;
  name: string;
  region: string;
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
  password_changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
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
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
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
}
