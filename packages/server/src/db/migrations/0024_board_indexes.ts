import { sql, type Kysely } from 'kysely';

/**
 * The director's board and the statistics of one center in a county's database (issue 12;
 * docs/perf.md, "The board and statistics at 10,000,000 cases"): each of their questions about the
 * cases is a range of an index that begins with the center, and the columns they count are in the
 * index, so that most of it is answered from the index alone, without visiting the table.
 *
 * - `cases_closed_idx` (the cases closed in a month: the board's on-time rates, the statistics and
 *   their 12-month trend, the lists behind them) and `cases_received_idx` (the cases received in a
 *   month: the statistics' volume, the case list in its order) keep their keys and now carry what
 *   those count: status, on time, window, item, holder; channel, status, accepted kind.
 * - `cases_open_window_idx` (the open cases of a center: the board's counts) likewise carries their
 *   status, item, deadline and yellow instant.
 * - `cases_running_center_idx` (new): the running cases of a center by deadline, for the board's
 *   overdue and due-soon lists, which read the first hundred of the center's instead of every
 *   center's running cases in deadline order (`cases_open_deadline_idx`, which the overdue sweep of
 *   every center keeps using).
 *
 * Index-only scans skip the table only on pages the visibility map marks all-visible, which
 * vacuum does: autovacuum visits the cases after 1 % of them changed or were added instead of the
 * default 20 %, so that the months behind the current one are all-visible at any size.
 *
 * Replacing an index drops it and builds the new one in this transaction: `cases` is locked
 * meanwhile, its reads and writes wait (42 s at 10,000,000 cases on the benchmark's machine).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index cases_closed_idx;
    create index cases_closed_idx on cases (center_id, closed_at)
      include (status, on_time, window_id, item_id, holder_staff_id)
      where closed_at is not null;

    drop index cases_received_idx;
    create index cases_received_idx on cases (center_id, received_at desc)
      include (channel, status, accepted_kind);

    drop index cases_open_window_idx;
    create index cases_open_window_idx on cases (center_id, window_id)
      include (status, item_id, at_business_section, deadline_at, yellow_at)
      where status in ('received', 'awaiting_materials', 'in_progress', 'paused', 'with_authority');

    create index cases_running_center_idx on cases (center_id, deadline_at)
      where status in ('in_progress', 'with_authority');

    alter table cases set (autovacuum_vacuum_scale_factor = 0.01,
      autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migration 0024 cannot be undone: restore a backup instead.');
}
