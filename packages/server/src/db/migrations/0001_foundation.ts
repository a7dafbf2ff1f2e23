import { sql, type Kysely } from 'kysely';

/**
 * Centers, organization, accounts, sessions and the audit trail. PostgreSQL 15 SQL only: the same
 * migration runs on PGlite and on a PostgreSQL server.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table centers (
      id bigint generated always as identity primary key,
      code text not null unique,
      name text not null,
      region text not null,
      version integer not null default 0,
      created_at timestamptz not null default now()
    );

    create table window_units (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      code text not null,
      name text not null,
      active boolean not null default true,
      version integer not null default 0,
      created_at timestamptz not null default now(),
      unique (center_id, code)
    );

    create table windows (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      window_unit_id bigint not null references window_units(id),
      number text not null,
      name text not null,
      active boolean not null default true,
      version integer not null default 0,
      created_at timestamptz not null default now(),
      unique (center_id, number)
    );

    create table staff (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      staff_no text not null,
      name text not null,
      position text not null,
      window_id bigint references windows(id),
      supervisor_id bigint references staff(id),
      in_post_from date not null,
      in_post_to date,
      version integer not null default 0,
      created_at timestamptz not null default now(),
      unique (center_id, staff_no),
      check (in_post_to is null or in_post_to >= in_post_from),
      check (supervisor_id is null or supervisor_id <> id)
    );
    create index staff_window_idx on staff (window_id);

    create table users (
      id bigint generated always as identity primary key,
      center_id bigint references centers(id),
      staff_id bigint references staff(id),
      username text not null,
      display_name text not null,
      password_hash text not null,
      roles text[] not null,
      disabled boolean not null default false,
      must_change_password boolean not null default false,
      last_login_at timestamptz,
      password_changed_at timestamptz not null default now(),
      version integer not null default 0,
      created_at timestamptz not null default now(),
      check (cardinality(roles) > 0)
    );
    create unique index users_username_idx on users (lower(username));
    create index users_center_idx on users (center_id);

    create table sessions (
      id text primary key,
      user_id bigint not null references users(id),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user_idx on sessions (user_id);

    create table trusted_devices (
      id text primary key,
      user_id bigint not null references users(id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz not null
    );
    create index trusted_devices_user_idx on trusted_devices (user_id);

    create table login_throttle (
      key text primary key,
      failures integer not null,
      last_failure_at timestamptz not null
    );

    create table audit_log (
      id bigint generated always as identity primary key,
      chain text not null,
      center_id bigint references centers(id),
      seq bigint not null,
      at timestamptz not null,
      actor_user_id bigint references users(id),
      actor_name text not null,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      ip text,
      request_id text,
      prev_hash text not null,
      hash text not null,
      unique (chain, seq)
    );
    create index audit_log_center_at_idx on audit_log (center_id, at desc);
    create index audit_log_entity_idx on audit_log (entity_type, entity_id);
    create index audit_log_actor_idx on audit_log (actor_user_id, at desc);

    create table audit_heads (
      chain text primary key,
      seq bigint not null,
      hash text not null
    );

    -- The audit trail is append-only: the database itself refuses to change or remove an entry.
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be undone: restore a backup instead.');
}
