import { sql, type Kysely } from 'kysely';

/**
 * Terms for deciding (处理期限, issue 11; docs/complaints.md, docs/ratings.md, docs/money.md).
 *
 * - The performance policy of a regulation version (`regulation_versions.policy`) gains four
 *   figures: `reportDecisionWorkingDays` (15), `appealDecisionWorkingDays` (15),
 *   `ratingContactWorkingDays` (1) and `ratingFixWorkingDays` (15). Existing versions get the
 *   defaults, except the two 差评 terms, which take the center's own setting from `rating_settings`
 *   where the center had one: these are the figures that applied until now, so writing them into a
 *   published version changes nothing anyone was told. The trigger that keeps a published version
 *   final is switched off for this one statement only.
 * - `rating_settings` keeps only the rating window: the two terms live in the policy from now on.
 * - Each thing with a term keeps its due-soon instant (the case settings' yellow share of the
 *   term's working time) and what was last told about it (`…_told`: due_soon, overdue), so that
 *   each crossing is told once: public reports, appeals (which gain their decision term), and the
 *   call-back and rectification of a 差评. Rows made before this migration get their instants at
 *   the first sweep (inbox/terms.ts), which counts on the center's calendar.
 * - `announcements.late_told_at`: when the director was told that a completion announcement is
 *   late (the sweep, or its publication after the due time), so it is told once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table regulation_versions disable trigger regulation_versions_final;
    update regulation_versions v
       set policy = jsonb_build_object(
             'reportDecisionWorkingDays', 15,
             'appealDecisionWorkingDays', 15,
             'ratingContactWorkingDays',
               coalesce((select s.contact_working_days from rating_settings s where s.center_id = v.center_id), 1),
             'ratingFixWorkingDays',
               coalesce((select s.fix_working_days from rating_settings s where s.center_id = v.center_id), 15)
           ) || v.policy
     where v.policy is not null;
    alter table regulation_versions enable trigger regulation_versions_final;

    alter table rating_settings
      drop column contact_working_days,
      drop column fix_working_days;

    alter table public_reports
      add column decide_yellow_at timestamptz,
      add column term_told text check (term_told in ('due_soon', 'overdue'));
    create index public_reports_term_idx on public_reports (decide_yellow_at)
      where status = 'received';

    alter table appeals
      add column decide_due_at timestamptz,
      add column decide_yellow_at timestamptz,
      add column term_told text check (term_told in ('due_soon', 'overdue')),
      add check (decide_yellow_at is null or decide_yellow_at <= decide_due_at);
    create index appeals_term_idx on appeals (decide_yellow_at) where status = 'pending';

    alter table rating_follow_ups
      add column contact_yellow_at timestamptz,
      add column fix_yellow_at timestamptz,
      add column contact_told text check (contact_told in ('due_soon', 'overdue')),
      add column fix_told text check (fix_told in ('due_soon', 'overdue'));
    create index rating_follow_ups_term_idx on rating_follow_ups (contact_yellow_at, fix_yellow_at)
      where closed_at is null;

    alter table announcements add column late_told_at timestamptz;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0021 cannot be undone: restore a backup instead.');
}
