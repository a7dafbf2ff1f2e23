import { sql, type Kysely } from 'kysely';

/**
 * Attendance (考勤): sign-ins and sign-outs, leave and outing requests (请假 / 中途外出) decided by
 * the supervising leader, and the duty roster (值班表). DOMAIN.md §6–§9; rules in
 * packages/domain/src/attendance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One sign-in and one sign-out per person and Shanghai date at most. Append-only: a mistake is
    -- not edited away; a missing sign-out is supplied by the supervising leader as a correction
    -- (correction = true, with the reason and who made it).
    create table sign_events (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      staff_id bigint not null references staff(id),
      day date not null,
      kind text not null check (kind in ('in', 'out')),
      at timestamptz not null,
      window_id bigint references windows(id),
      correction boolean not null default false,
      correction_reason text,
      recorded_by_user_id bigint references users(id),
      recorded_by_name text not null,
      created_at timestamptz not null,
      unique (staff_id, day, kind),
      check (correction = (correction_reason is not null))
    );
    create index sign_events_center_idx on sign_events (center_id, day);

    create function sign_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'sign events are append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger sign_events_no_change before update or delete on sign_events
      for each row execute function sign_events_append_only();

    -- A leave (因公 / 因私) or an outing during hours (中途外出): [from_at, to_at). The approver is
    -- the person's supervising leader at the time of the request; only that person decides.
    create table leave_requests (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      staff_id bigint not null references staff(id),
      approver_staff_id bigint not null references staff(id),
      kind text not null check (kind in ('official_leave', 'personal_leave', 'outing')),
      from_at timestamptz not null,
      to_at timestamptz not null,
      reason text not null,
      status text not null default 'pending'
        check (status in ('pending', 'approved', 'rejected', 'cancelled')),
      requested_by_user_id bigint references users(id),
      requested_at timestamptz not null,
      decided_by_user_id bigint references users(id),
      decided_by_name text,
      decided_at timestamptz,
      decision_note text,
      version integer not null default 0,
      check (to_at > from_at),
      check (approver_staff_id <> staff_id),
      check ((status = 'pending') = (decided_at is null))
    );
    create index leave_requests_staff_idx on leave_requests (staff_id, from_at);
    create index leave_requests_approver_idx on leave_requests (approver_staff_id, status);

    create function leave_decided_is_final() returns trigger language plpgsql as $$
    begin
      if old.status <> 'pending' then
        raise exception 'leave request % was decided: % refused', old.id, tg_op using errcode = 'insufficient_privilege';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end;
    $$;
    create trigger leave_requests_final before update or delete on leave_requests
      for each row execute function leave_decided_is_final();

    -- 值班表: one row per center and date that has been touched (version for concurrent edits), the
    -- officers of that date beside it.
    create table duty_days (
      center_id bigint not null references centers(id),
      day date not null,
      note text not null default '',
      version integer not null default 0,
      updated_at timestamptz not null,
      primary key (center_id, day)
    );

    create table duty_officers (
      center_id bigint not null,
      day date not null,
      staff_id bigint not null references staff(id),
      seq integer not null,
      primary key (center_id, day, staff_id),
      foreign key (center_id, day) references duty_days(center_id, day)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not undone: restore a backup instead.');
}
