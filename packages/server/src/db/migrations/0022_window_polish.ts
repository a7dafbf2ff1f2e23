import { sql, type Kysely } from 'kysely';

/**
 * A smoother day at the window (issue 11).
 *
 * - A remark per missing paper (缺少公章, 复印件不清晰): what exactly is wrong with it, told with the
 *   supplement notice in one go. Stored beside the case's list of missing papers as an object, the
 *   paper's name to its remark; a paper without a remark is not in it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table cases
      add column material_remarks jsonb not null default '{}'
        check (jsonb_typeof(material_remarks) = 'object');
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0022 cannot be undone: restore a backup instead.');
}
