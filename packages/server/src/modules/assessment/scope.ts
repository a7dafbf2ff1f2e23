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
  return selfAndSupervised(db, user.staffId);
}

/** A staff member and everyone whose supervising leader (staff.supervisor_id) he or she is. */
export async function selfAndSupervised(db: Kysely<Database>, staffId: number): Promise<number[]> {
  const supervised = await db
    .selectFrom('staff')
    .select('id')
    .where('supervisor_id', '=', staffId)
    .execute();
  return [staffId, ...supervised.map((s) => s.id)];
}

export const canSee = (ids: number[] | null, staffId: number) =>
  ids === null || ids.includes(staffId);
