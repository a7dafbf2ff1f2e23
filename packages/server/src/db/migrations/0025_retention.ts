import { sql, type Kysely } from 'kysely';

/**
 * Personal data kept no longer than needed (issue 12, docs/privacy.md): the nightly job masks phone
 * numbers of closed bookings and home visits (138****5678), removes old verification codes, and
 * removes the content of old evidence files, keeping what they were (name, size, SHA-256) and when
 * they were removed. A decided complaint lets its reporter be masked, and nothing else change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table bookings drop constraint bookings_phone_check,
      add constraint bookings_phone_check
        check (phone ~ '^1[3-9][0-9]{9}$' or phone ~ '^1[3-9][0-9][*]{4}[0-9]{4}$');
    alter table home_visits drop constraint home_visits_phone_check,
      add constraint home_visits_phone_check
        check (phone ~ '^1[3-9][0-9]{9}$' or phone ~ '^1[3-9][0-9][*]{4}[0-9]{4}$');
    alter table evidence_files add column purged_at timestamptz,
      add constraint evidence_files_purged_check check (purged_at is null or length(content) = 0);

    -- A decided report still never changes, but for its reporter being masked at the end of the
    -- retention: every other column equal, the name and contact masked (with '*'), the mobile gone.
    create or replace function public_report_decided_is_final() returns trigger language plpgsql as $$
    declare
      personal constant text[] := array['reporter_name', 'reporter_contact', 'reporter_phone'];
    begin
      if old.status <> 'received' or tg_op = 'DELETE' then
        if tg_op = 'UPDATE'
          and (to_jsonb(new) - personal) = (to_jsonb(old) - personal)
          and (new.reporter_name = old.reporter_name or position('*' in new.reporter_name) > 0)
          and (new.reporter_contact = old.reporter_contact or position('*' in new.reporter_contact) > 0)
          and (new.reporter_phone is not distinct from old.reporter_phone or new.reporter_phone is null)
        then
          return new;
        end if;
        raise exception 'public report % was decided: % refused', old.id, tg_op
          using errcode = 'insufficient_privilege';
      end if;
      return new;
    end;
    $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0025 cannot be undone: restore a backup instead.');
}
