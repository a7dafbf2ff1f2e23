import { sql, type Kysely } from 'kysely';

/**
 * Home visits and holiday call-outs (上门服务、节假日召回, issue 10; DOMAIN.md §3; docs/visits.md).
 *
 * - A home visit is asked for online (mobile proven by an SMS code) or entered by staff with its
 *   channel; it is requested, then scheduled (a date and one or more staff), then visited (arrival,
 *   who went, the outcome, an optional linked case) or cancelled with a reason. The mobile is held
 *   in full because the messages go to it; every list and the audit trail show it masked.
 * - A call-out is one person notified on a weekend or holiday: when notified, when arrived (null
 *   until recorded). The response time it is measured against is a center setting.
 * - SMS codes may now prove a home-visit request ('visit').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table sms_codes drop constraint sms_codes_purpose_check;
    alter table sms_codes add constraint sms_codes_purpose_check
      check (purpose in ('booking', 'report', 'rating', 'manage', 'visit'));

    create table home_visits (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      tracking_code text not null unique check (tracking_code ~ '^[A-Z0-9]{10}$'),
      category text not null check (category in ('elderly', 'disabled', 'sick', 'enterprise', 'investment')),
      requester_name text not null check (char_length(requester_name) between 1 and 100),
      phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
      address text not null check (char_length(address) between 1 and 200),
      item_id bigint references service_items(id),
      item_text text not null default '' check (char_length(item_text) <= 100),
      reason text not null check (char_length(reason) between 1 and 500),
      preferred_dates text[] not null check (cardinality(preferred_dates) between 1 and 3),
      channel text not null check (channel in ('online', 'phone', 'letter', 'email', 'walk_in')),
      requested_at timestamptz not null,
      entered_by_user_id bigint references users(id),
      entered_by_name text not null,
      status text not null default 'requested'
        check (status in ('requested', 'scheduled', 'visited', 'cancelled')),
      scheduled_date date,
      scheduled_at timestamptz,
      scheduled_by_name text,
      reschedules integer not null default 0,
      arrived_at timestamptz,
      outcome text check (char_length(outcome) <= 1000),
      case_id bigint references cases(id),
      recorded_by_name text,
      cancel_reason text check (char_length(cancel_reason) <= 200),
      closed_at timestamptz,
      version integer not null default 0,
      check ((status in ('scheduled', 'visited')) = (scheduled_date is not null) or status = 'cancelled'),
      check ((status = 'visited') = (arrived_at is not null and outcome is not null)),
      check ((status = 'cancelled') = (cancel_reason is not null))
    );
    create index home_visits_center_idx on home_visits (center_id, status, requested_at desc);

    -- Who is assigned to go ('assigned'), and who went ('visitor').
    create table home_visit_staff (
      visit_id bigint not null references home_visits(id),
      role text not null check (role in ('assigned', 'visitor')),
      staff_id bigint not null references staff(id),
      seq integer not null,
      primary key (visit_id, role, staff_id)
    );

    create table callout_settings (
      center_id bigint primary key references centers(id),
      response_minutes integer not null default 60 check (response_minutes between 10 and 480),
      version integer not null default 0
    );

    create table holiday_callouts (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      day date not null,
      matter text not null check (char_length(matter) between 1 and 200),
      staff_id bigint not null references staff(id),
      notified_at timestamptz not null,
      arrived_at timestamptz check (arrived_at >= notified_at),
      note text not null default '' check (char_length(note) <= 500),
      recorded_at timestamptz not null,
      recorded_by_user_id bigint references users(id),
      recorded_by_name text not null,
      version integer not null default 0
    );
    create index holiday_callouts_center_idx on holiday_callouts (center_id, day desc);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0017 cannot be undone: restore a backup instead.');
}
