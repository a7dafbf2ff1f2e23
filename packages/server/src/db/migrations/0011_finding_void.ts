import { sql, type Kysely } from 'kysely';

/**
 * A finding entered by mistake can be voided (作废) by another member of the assessment group, with
 * reasons, while no approved settlement has taken it into account (decision 0014). A voided finding
 * counts for nothing (it is also `revoked`), and stays on record with who voided it, when and why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table findings
      add column voided_at timestamptz,
      add column voided_by_user_id bigint references users(id),
      add column voided_by_staff_id bigint references staff(id),
      add column voided_by_name text,
      add column void_reason text,
      add constraint findings_void_whole check (
        (voided_at is null) = (voided_by_name is null)
        and (voided_at is null) = (void_reason is null)
      ),
      add constraint findings_void_counts_nothing check (voided_at is null or revoked)
  `.execute(db);
}
