import { sql, type Kysely } from 'kysely';

/**
 * Regulations with their structured performance policy, inspections and findings (with evidence),
 * half-year settlements (frozen once approved) and appeals (DOMAIN.md §7–§9).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A regulation (制度) and its versions: name, introduction, body, supplementary provisions,
    -- signature; a consultation period; an effective date. The performance policy the system
    -- enforces (amounts, deduction table, appeal term) is the structured part of a version.
    create table regulations (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      code text not null,
      name text not null,
      created_at timestamptz not null default now(),
      unique (center_id, code)
    );

    create table regulation_versions (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      regulation_id bigint not null references regulations(id),
      seq integer not null check (seq >= 1),
      name text not null,
      introduction text not null,
      body text not null,
      supplementary text not null,
      status text not null check (status in ('draft', 'consultation', 'signed', 'published')),
      consultation_until date,
      effective_from date not null,
      policy jsonb,
      signed_by_name text,
      signed_at timestamptz,
      published_at timestamptz,
      version integer not null default 0,
      created_at timestamptz not null default now(),
      unique (regulation_id, seq),
      check ((status in ('signed', 'published')) = (signed_at is not null)),
      check ((status = 'published') = (published_at is not null))
    );
    create index regulation_versions_policy_idx on regulation_versions (center_id, effective_from)
      where status = 'published' and policy is not null;

    -- A published version is what people were told: it never changes; a change is a new version.
    create function regulation_published_is_final() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' then
        raise exception 'regulation version % is published: % refused', old.id, tg_op
          using errcode = 'insufficient_privilege';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end;
    $$;
    create trigger regulation_versions_final before update or delete on regulation_versions
      for each row execute function regulation_published_is_final();

    create table regulation_comments (
      id bigint generated always as identity primary key,
      version_id bigint not null references regulation_versions(id),
      user_id bigint not null references users(id),
      author_name text not null,
      body text not null,
      at timestamptz not null
    );
    create index regulation_comments_version_idx on regulation_comments (version_id, at);

    create table regulation_acks (
      version_id bigint not null references regulation_versions(id),
      user_id bigint not null references users(id),
      at timestamptz not null,
      primary key (version_id, user_id)
    );

    -- 巡查: who inspected, at what level, when; the findings hang off it.
    create table inspections (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      level text not null check (level in ('town', 'joint_check', 'county', 'city', 'province')),
      inspected_on date not null,
      inspectors text not null,
      note text not null default '',
      recorded_by_user_id bigint references users(id),
      recorded_by_staff_id bigint references staff(id),
      version integer not null default 0,
      created_at timestamptz not null default now()
    );
    create index inspections_center_idx on inspections (center_id, inspected_on desc);

    -- A finding against one staff member under one of the eight assessment items.
    create table findings (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      staff_id bigint not null references staff(id),
      source text not null check (source in ('inspection', 'overdue_case', 'public_report')),
      inspection_id bigint references inspections(id),
      violation_candidate_id bigint unique references violation_candidates(id),
      date date not null,
      level text not null check (level in ('town', 'joint_check', 'public_report', 'county', 'city', 'province')),
      circulated boolean not null default false,
      item integer not null check (item between 1 and 8),
      description text not null,
      serious boolean not null default false,
      recorded_by_user_id bigint references users(id),
      recorded_by_staff_id bigint references staff(id),
      revoked boolean not null default false,
      version integer not null default 0,
      created_at timestamptz not null default now(),
      check ((source = 'inspection') = (inspection_id is not null))
    );
    create index findings_staff_idx on findings (staff_id, date);
    create index findings_center_idx on findings (center_id, date desc);

    -- Photos or scans behind a finding: type and size checked on upload, content hashed.
    create table evidence_files (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      finding_id bigint not null references findings(id),
      file_name text not null,
      media_type text not null check (media_type in ('image/jpeg', 'image/png', 'application/pdf')),
      size_bytes integer not null check (size_bytes between 1 and 5242880),
      sha256 text not null,
      content bytea not null,
      uploaded_by_user_id bigint references users(id),
      at timestamptz not null
    );
    create index evidence_files_finding_idx on evidence_files (finding_id);

    -- A half-year settlement, approved by the group leader: frozen from the moment it is stored.
    create table settlements (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      staff_id bigint not null references staff(id),
      year integer not null,
      half integer not null check (half in (1, 2)),
      pool_fen bigint not null check (pool_fen >= 0),
      owed_fen bigint not null check (owed_fen >= 0),
      carried_in_fen bigint not null check (carried_in_fen >= 0),
      applied_fen bigint not null check (applied_fen >= 0),
      adjustment_fen bigint not null,
      carried_out_fen bigint not null check (carried_out_fen >= 0),
      written_off_fen bigint not null check (written_off_fen >= 0),
      payable_fen bigint not null check (payable_fen >= 0),
      -- The explanation, line by line, and what happened to each debt (a later settlement reads it).
      lines jsonb not null,
      debts jsonb not null,
      approved_by_user_id bigint references users(id),
      approved_by_name text not null,
      approved_at timestamptz not null,
      unique (staff_id, year, half)
    );
    create index settlements_center_idx on settlements (center_id, year, half);

    create function settlements_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'approved settlements are frozen: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger settlements_no_change before update or delete on settlements
      for each row execute function settlements_frozen();
    create trigger settlements_no_truncate before truncate on settlements
      for each statement execute function settlements_frozen();

    -- 申诉: of a finding, a settlement line or a rating; decided by the group, not by the recorder.
    create table appeals (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      staff_id bigint not null references staff(id),
      subject text not null check (subject in ('finding', 'settlement', 'rating')),
      finding_id bigint references findings(id),
      settlement_id bigint references settlements(id),
      year integer,
      reason text not null,
      filed_at timestamptz not null,
      deadline_on date not null,
      status text not null default 'pending' check (status in ('pending', 'upheld', 'revoked', 'changed')),
      change jsonb,
      decided_by_user_id bigint references users(id),
      decided_by_name text,
      decided_at timestamptz,
      decision_reason text,
      version integer not null default 0,
      check ((status = 'pending') = (decided_at is null)),
      check ((subject = 'finding') = (finding_id is not null)),
      check ((subject = 'settlement') = (settlement_id is not null))
    );
    create index appeals_center_idx on appeals (center_id, status, filed_at desc);
    create index appeals_staff_idx on appeals (staff_id, filed_at desc);

    create function appeal_decided_is_final() returns trigger language plpgsql as $$
    begin
      if old.status <> 'pending' then
        raise exception 'appeal % was decided: % refused', old.id, tg_op using errcode = 'insufficient_privilege';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end;
    $$;
    create trigger appeals_final before update or delete on appeals
      for each row execute function appeal_decided_is_final();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not undone: restore a backup instead.');
}
