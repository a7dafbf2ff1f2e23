import { sql, type Kysely } from 'kysely';

/**
 * Appointments (预约服务制, issue 10; DOMAIN.md §3).
 *
 * - A center's booking settings: slot length, how many working days ahead, the no-show rule.
 * - Each window takes a number of people per slot (0: the window takes no bookings). An item's
 *   slots hold as many people as the active windows of its window unit together.
 * - A booking is one row whatever its channel (online, or entered by staff from a phone call, a
 *   letter or an e-mail). It holds the mobile number in full because the reminder goes to it; every
 *   list and the audit trail show it masked. At the window it becomes a case (case_id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table appointment_settings (
      center_id bigint primary key references centers(id),
      slot_minutes integer not null default 30 check (slot_minutes in (15, 20, 30, 60)),
      days_ahead integer not null default 10 check (days_ahead between 1 and 30),
      no_show_limit integer not null default 3 check (no_show_limit between 1 and 20),
      no_show_window_days integer not null default 30 check (no_show_window_days between 1 and 365),
      suspend_days integer not null default 30 check (suspend_days between 0 and 365),
      version integer not null default 0
    );

    alter table windows
      add column booking_capacity integer not null default 2 check (booking_capacity between 0 and 50);

    create table bookings (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      code text not null unique check (code ~ '^[A-Z0-9]{8}$'),
      item_id bigint not null references service_items(id),
      window_unit_id bigint not null references window_units(id),
      slot_date date not null,
      slot_start text not null check (slot_start ~ '^[0-2][0-9]:[0-5][0-9]$'),
      starts_at timestamptz not null,
      ends_at timestamptz not null check (ends_at > starts_at),
      applicant_name text not null check (char_length(applicant_name) between 1 and 100),
      phone text not null check (phone ~ '^1[3-9][0-9]{9}$'),
      channel text not null check (channel in ('online', 'phone', 'letter', 'email')),
      note text not null default '' check (char_length(note) <= 500),
      status text not null default 'booked' check (status in ('booked', 'cancelled', 'arrived', 'no_show')),
      case_id bigint references cases(id),
      created_at timestamptz not null,
      created_by_user_id bigint references users(id),
      created_by_name text not null,
      closed_at timestamptz,
      closed_by_name text,
      moves integer not null default 0,
      -- When the booking got its present slot (made, or last moved): the reminder rule needs it.
      slot_set_at timestamptz not null,
      version integer not null default 0,
      check ((status = 'booked') = (closed_at is null)),
      check ((status = 'arrived') = (case_id is not null))
    );
    -- The places taken in a slot, counted under the window unit's row lock.
    create index bookings_slot_idx on bookings (window_unit_id, starts_at) where status <> 'cancelled';
    -- A day's list at the center, and the open ones the sweep looks at.
    create index bookings_day_idx on bookings (center_id, slot_date, slot_start);
    create index bookings_open_idx on bookings (ends_at) where status = 'booked';
    -- A phone's no-shows (the suspension rule) and its bookings.
    create index bookings_phone_idx on bookings (phone, starts_at) where status = 'no_show';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0014 cannot be undone: restore a backup instead.');
}
