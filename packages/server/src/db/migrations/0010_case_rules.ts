import { sql, type Kysely } from 'kysely';

/**
 * The case rules where people could get around them (issue 9 D): the term at acceptance bounded by
 * the catalog, with the catalog's term kept beside an urgent one; the petition's decision whether to
 * accept (信访工作条例, 15 days) and what a case waits for outside its own term (that decision, or
 * the higher authority's answer on a reported case), with its due instant and early warning.
 *
 * Existing petitions get their flag and, when already accepted or returned, their decision; the due
 * instant of what a case awaits is written by the application (it needs the calendar) at the case's
 * next action or the center's next calendar change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table case_settings
      add column petition_decision_days integer not null default 15
        check (petition_decision_days between 1 and 60),
      add column urgent_term_percent integer not null default 50
        check (urgent_term_percent between 10 and 90);

    alter table cases
      add column standard_term_days integer check (standard_term_days between 1 and 1000),
      add column petition boolean not null default false,
      add column petition_decision jsonb,
      add column awaiting text check (awaiting in ('petition_decision', 'authority')),
      add column awaiting_due_at timestamptz,
      add column awaiting_yellow_at timestamptz,
      add constraint cases_awaiting_due check ((awaiting is null) = (awaiting_due_at is null));

    create index cases_awaiting on cases (center_id, awaiting_due_at) where awaiting is not null;

    update cases c set petition = true
      from service_items i
      where i.id = c.item_id and i.default_kind = 'petition';
    update cases set petition_decision = jsonb_build_object('at', accepted_at, 'accepted', true)
      where petition and accepted_at is not null;
    update cases set petition_decision = jsonb_build_object('at', closed_at, 'accepted', false)
      where petition and accepted_at is null and status = 'returned';
    update cases set standard_term_days = term_days
      where term_days is not null and not urgent;
  `.execute(db);
}
