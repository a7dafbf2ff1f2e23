import { sql, type Kysely } from 'kysely';

/**
 * Extension requests (延期申请) and urging (催办), issue 11; decision 0016, docs/cases.md.
 *
 * - `extension_requests`: the holder asks for the one extension of a case's term; a leader approves
 *   or refuses it, or the holder withdraws it. At most one waits per case (a partial unique index).
 *   A decided request is final: the database refuses to change or remove it.
 * - `case_urges`: each time a leader urged the holder of a case, with an optional note. Never
 *   changed or removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table extension_requests (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      case_id bigint not null references cases(id),
      requested_by_user_id bigint not null references users(id),
      requested_by_staff_id bigint references staff(id),
      requested_by_name text not null check (char_length(requested_by_name) between 1 and 100),
      days integer not null check (days between 1 and 365),
      reason text not null check (char_length(btrim(reason)) between 1 and 1000),
      requested_at timestamptz not null,
      status text not null default 'pending'
        check (status in ('pending', 'approved', 'refused', 'withdrawn')),
      decided_by_user_id bigint references users(id),
      decided_by_name text,
      decided_at timestamptz,
      decision_reason text not null default '' check (char_length(decision_reason) <= 1000),
      version integer not null default 0,
      check ((status = 'pending') = (decided_at is null)),
      check (status <> 'refused' or char_length(btrim(decision_reason)) > 0)
    );
    create unique index extension_requests_one_pending_idx
      on extension_requests (case_id) where status = 'pending';
    create index extension_requests_case_idx on extension_requests (case_id, id);
    create index extension_requests_center_idx
      on extension_requests (center_id, status, requested_at desc);

    create function extension_request_decided_is_final() returns trigger language plpgsql as $$
    begin
      if old.status <> 'pending' then
        raise exception 'extension request % was decided: % refused', old.id, tg_op using errcode = 'insufficient_privilege';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end;
    $$;
    create trigger extension_requests_final before update or delete on extension_requests
      for each row execute function extension_request_decided_is_final();

    create table case_urges (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      case_id bigint not null references cases(id),
      by_user_id bigint not null references users(id),
      by_name text not null check (char_length(by_name) between 1 and 100),
      note text not null default '' check (char_length(note) <= 500),
      at timestamptz not null
    );
    create index case_urges_case_idx on case_urges (case_id, at);

    create function case_urges_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_urges is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger case_urges_no_change before update or delete on case_urges
      for each row execute function case_urges_append_only();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0020 cannot be undone: restore a backup instead.');
}
