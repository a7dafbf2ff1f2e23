import { sql, type Kysely } from 'kysely';

/**
 * The year-end comprehensive evaluation (综合考评, DOMAIN.md §7) and the appeals of a settlement line
 * or a rating (§8).
 *
 * An evaluation is stored as revisions: revision 1 is the group's decision; a rating changed on
 * appeal is a new revision that names the appeal. A stored revision is never updated or deleted (the
 * database refuses), so what a person was told stays on record.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table evaluations (
      id bigint generated always as identity primary key,
      center_id bigint not null references centers(id),
      staff_id bigint not null references staff(id),
      year integer not null check (year between 2000 and 2100),
      revision integer not null check (revision >= 1),
      rating text not null check (rating in ('优秀', '称职', '基本称职', '不称职')),
      reason text not null,
      -- What the system proposed, and the summary it was proposed from, when this was decided.
      proposed_rating text not null check (proposed_rating in ('优秀', '称职', '基本称职', '不称职')),
      summary jsonb not null,
      appeal_id bigint references appeals(id),
      decided_by_user_id bigint references users(id),
      decided_by_staff_id bigint references staff(id),
      decided_by_name text not null,
      decided_at timestamptz not null,
      unique (staff_id, year, revision),
      unique (appeal_id),
      check ((revision = 1) = (appeal_id is null))
    );
    create index evaluations_center_idx on evaluations (center_id, year, staff_id, revision desc);

    create function evaluations_final() returns trigger language plpgsql as $$
    begin
      raise exception 'evaluation revisions are final: % refused', tg_op using errcode = 'insufficient_privilege';
    end;
    $$;
    create trigger evaluations_no_change before update or delete on evaluations
      for each row execute function evaluations_final();
    create trigger evaluations_no_truncate before truncate on evaluations
      for each statement execute function evaluations_final();

    -- A settlement-line appeal names the line (and, for a line about findings, the finding it
    -- disputes); a rating appeal names the evaluation revision it disputes.
    alter table appeals
      add column line_index integer check (line_index >= 0),
      add column line_finding_id bigint references findings(id),
      add column evaluation_id bigint references evaluations(id),
      add constraint appeals_settlement_line check ((subject = 'settlement') = (line_index is not null)),
      add constraint appeals_line_finding check (line_finding_id is null or subject = 'settlement'),
      add constraint appeals_rating check ((subject = 'rating') = (evaluation_id is not null and year is not null));
    create index appeals_line_finding_idx on appeals (line_finding_id) where line_finding_id is not null;
    create index appeals_evaluation_idx on appeals (evaluation_id) where evaluation_id is not null;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not undone: restore a backup instead.');
}
