import { sql, type Kysely } from 'kysely';

/**
 * Issue 9 C3 and C4.
 *
 * - Audit entries carry the version of their hash and the id of the key that signed them (decision
 *   0004). Every entry written before this migration is version 1 and keeps verifying as it was;
 *   adding a column fires no row trigger, so the append-only guard stays untouched.
 * - One account per staff member. A database where two accounts already share a staff record is not
 *   changed behind anyone's back: the migration stops and names them, so that the center decides
 *   which account keeps the link (docs/operations.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_log add column hash_version smallint not null default 1;
    alter table audit_log alter column hash_version drop default;
    alter table audit_log add column key_id text;
    alter table audit_log add constraint audit_log_hash_version_check
      check (hash_version in (1, 2) and (hash_version = 2 or key_id is null));

    do $$
    declare
      shared text;
    begin
      select string_agg(format('staff %s: accounts %s', staff_id, names), '; ')
        into shared
        from (
          select staff_id, string_agg(username, ', ' order by id) as names
            from users
           where staff_id is not null
           group by staff_id
          having count(*) > 1
        ) d;
      if shared is not null then
        raise exception 'Several accounts are linked to one staff member (%). Unlink all but one (账号管理 → 对应工作人员: 不关联) with the previous version, then upgrade again.', shared;
      end if;
    end
    $$;
    create unique index users_staff_id_key on users (staff_id) where staff_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0009 cannot be undone: restore a backup instead.');
}
