import { isCrossCenter } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError } from './errors.ts';
import type { SessionUser } from './context.ts';

/**
 * The center a request acts in. Center-bound users always act in their own center (naming another
 * is refused); cross-center users (county admin) must name one that exists.
 */
export async function resolveCenter(
  db: Kysely<Database>,
  user: SessionUser,
  requested: number | undefined,
): Promise<number> {
  if (!isCrossCenter(user.roles)) {
    if (user.centerId === null) throw new AppError('FORBIDDEN');
    if (requested !== undefined && requested !== user.centerId) throw new AppError('FORBIDDEN');
    return user.centerId;
  }
  if (requested === undefined) throw new AppError('CENTER_REQUIRED');
  const found = await db
    .selectFrom('centers')
    .select('id')
    .where('id', '=', requested)
    .executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND');
  return requested;
}

/** Whether a user may see a record of the given center (others' records are "not found"). */
export function inScope(user: SessionUser, centerId: number | null): boolean {
  return isCrossCenter(user.roles) || (centerId !== null && user.centerId === centerId);
}
