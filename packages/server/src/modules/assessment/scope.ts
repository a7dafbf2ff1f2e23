import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SessionUser } from '../../http/context.ts';

/**
 * Whose assessment records (findings, money, ratings) a user may see: the assessment group sees
 * everyone of its center; a supervising leader the staff he or she supervises and himself; anyone
 * else only his or her own. `null` means everyone.
 */
export async function visibleStaffIds(
  db: Kysely<Database>,
  user: SessionUser,
): Promise<number[] | null> {
  if (user.permissions.has('assessment.read')) return null;
  if (user.staffId === null) return [];
  if (!user.roles.includes('supervising_leader')) return [user.staffId];
  const supervised = await db
    .selectFrom('staff')
    .select('id')
    .where('supervisor_id', '=', user.staffId)
    .execute();
  return [user.staffId, ...supervised.map((s) => s.id)];
}

export const canSee = (ids: number[] | null, staffId: number) =>
  ids === null || ids.includes(staffId);
