import { sql, type Kysely } from 'kysely';

/**
 * The service catalog, cases under time limits with their notices, first-inquiry hand-overs, and the
 * violation candidates overdue cases raise (DOMAIN.md §1, §2).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_settings (
      center_id bigint primary key references centers(id),
      yellow_at_percent integer not null check (yellow_at_percent between 50 and 99),
      petition_days integer not null check (petition_days between 1 and 365),
      petition_extension_max_days integer not null check (petition_extension_max_days between 0 and 90),
      extension_max_working_days integer not null check (extension_max_working_days between 0 and 60),
      supplement_within_working_days integer not null check (supplement_within_working_days between 1 and 20),
      version integer not null default 0
    );

    create table service_items (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      code text not null,
      name text not null,
      window_unit_id bigint not null references window_units(id),
      default_kind text not null check (default_kind in ('immediate', 'promised', 'petition', 'reported')),
      promised_days integer check (promised_days between 1 and 1000),
      legal_days integer check (legal_days between 1 and 1000),
      materials jsonb not null default '[]',
      fees jsonb not null default '[]',
      announce boolean not null default false,
      joint_window_ids jsonb not null default '[]',
      active boolean not null default true,
      version integer not null default 0,
      created_at timestamptz not null default now(),
      unique (center_id, code),
      check (promised_days is null or legal_days is null or promised_days <= legal_days)
    );

    create table cases (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      receipt_no text not null unique,
      query_code text not null,
      item_id bigint references service_items(id),
      subject text not null default '',
      channel text not null check (channel in ('window', 'phone', 'letter', 'email', 'online', 'door')),
      applicant_type text not null check (applicant_type in ('person', 'enterprise')),
      applicant_name text not null,
      applicant_id_number text,
      applicant_phone text,
      note text not null default '',
      status text not null check (status in ('received', 'answered', 'awaiting_materials', 'returned',
        'in_progress', 'paused', 'with_authority', 'completed')),
      accepted_kind text check (accepted_kind in ('immediate', 'promised', 'petition', 'reported')),
      first_responder_staff_id bigint references staff(id),
      holder_staff_id bigint references staff(id),
      window_id bigint references windows(id),
      at_business_section boolean not null default false,
      joint boolean not null default false,
      handovers jsonb not null default '[]',
      bounce_count integer not null default 0,
      received_at timestamptz not null,
      supplement_due_at timestamptz not null,
      supplement_at timestamptz,
      accepted_at timestamptz,
      clock_start_at timestamptz,
      deemed_accepted boolean not null default false,
      term_days integer,
      urgent boolean not null default false,
      extension jsonb,
      pauses jsonb not null default '[]',
      submission jsonb,
      deadline_at timestamptz,
      yellow_at timestamptz,
      deadline_provisional boolean not null default false,
      missing_years jsonb not null default '[]',
      closed_at timestamptz,
      on_time boolean,
      answer text not null default '',
      materials jsonb not null default '[]',
      reasons text not null default '',
      result text not null default '',
      fees jsonb not null default '[]',
      fees_total numeric(12, 2) not null default 0,
      query_failures integer not null default 0,
      query_locked_until timestamptz,
      version integer not null default 0,
      created_at timestamptz not null default now(),
      check ((status in ('received', 'awaiting_materials', 'in_progress', 'paused', 'with_authority'))
        = (closed_at is null)),
      check ((status in ('in_progress', 'paused', 'with_authority', 'completed')) <= (clock_start_at is not null))
    );
    -- Open cases are few and looked at all the time (workbench, board, overdue sweep).
    create index cases_open_window_idx on cases (center_id, window_id)
      where status in ('received', 'awaiting_materials', 'in_progress', 'paused', 'with_authority');
    create index cases_open_holder_idx on cases (holder_staff_id)
      where status in ('received', 'awaiting_materials', 'in_progress', 'paused', 'with_authority');
    create index cases_open_deadline_idx on cases (deadline_at)
      where status in ('in_progress', 'with_authority');
    create index cases_closed_idx on cases (center_id, closed_at) where closed_at is not null;
    create index cases_received_idx on cases (center_id, received_at desc);
    create index cases_first_responder_idx on cases (first_responder_staff_id, received_at desc);

    create table receipt_counters (
      center_id bigint not null references centers(id),
      day date not null,
      last integer not null,
      primary key (center_id, day)
    );

    create table notice_counters (
      center_id bigint not null references centers(id),
      year integer not null,
      type text not null,
      last integer not null,
      primary key (center_id, year, type)
    );

    create table notices (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      case_id bigint not null references cases(id),
      type text not null check (type in ('inquiry', 'supplement', 'returned', 'immediate', 'promised',
        'petition', 'reported', 'extension')),
      number text not null,
      issued_at timestamptz not null,
      issued_by_user_id bigint references users(id),
      content jsonb not null,
      supersedes_id bigint unique references notices(id),
      unique (center_id, number)
    );
    create index notices_case_idx on notices (case_id);

    -- An issued notice is a document in the applicant's hands: never changed, only superseded.
    create function notices_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'notices are immutable once issued: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger notices_no_change before update or delete on notices
      for each row execute function notices_immutable();
    create trigger notices_no_truncate before truncate on notices
      for each statement execute function notices_immutable();

    create table violation_candidates (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      case_id bigint not null unique references cases(id),
      staff_id bigint references staff(id),
      kind text not null check (kind in ('open_overdue', 'completed_late')),
      assessment_item integer not null default 6 check (assessment_item between 1 and 8),
      detected_at timestamptz not null,
      deadline_at timestamptz not null,
      closed_at timestamptz,
      evidence jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'confirmed', 'dismissed')),
      decided_by_user_id bigint references users(id),
      decided_by_name text,
      decided_at timestamptz,
      decision_reason text,
      version integer not null default 0,
      check ((status = 'pending') = (decided_at is null))
    );
    create index violation_candidates_center_idx on violation_candidates (center_id, status, detected_at desc);

    -- A decision on a candidate stands: the database refuses to change or remove a decided one.
    create function violation_decided_is_final() returns trigger language plpgsql as $$
    begin
      if old.status <> 'pending' then
        raise exception 'violation candidate % was decided: % refused', old.id, tg_op
          using errcode = 'insufficient_privilege';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end;
    $$;
    create trigger violation_candidates_final before update or delete on violation_candidates
      for each row execute function violation_decided_is_final();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not undone: restore a backup instead.');
}
