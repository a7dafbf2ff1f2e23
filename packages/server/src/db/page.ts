import { sql, type SelectQueryBuilder } from 'kysely';

/**
 * One page of a list and the total count of the list, from the same filtered query: `ordered` is
 * `base` with its order (a stable one: end with the id), `base` is counted without it.
 */
export async function pageOf<DB, TB extends keyof DB, O>(
  base: SelectQueryBuilder<DB, TB, O>,
  ordered: SelectQueryBuilder<DB, TB, O>,
  p: { page: number; pageSize: number },
): Promise<{ rows: O[]; total: number }> {
  const [rows, total] = await Promise.all([
    ordered
      .limit(p.pageSize)
      .offset((p.page - 1) * p.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow() as Promise<{ n: number | string }>,
  ]);
  return { rows, total: Number(total.n) };
}
