import { permissionsOf, type Role } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SessionUser } from '../http/context.ts';

/** The demo center 青石镇 (its id). */
export async function demoCenterId(db: Kysely<Database>): Promise<number> {
  const c = await db
    .selectFrom('centers')
    .select('id')
    .where('code', '=', 'qingshi')
    .executeTakeFirstOrThrow();
  return c.id;
}

/** A demo account acting as if signed in, so that the demo goes through the real services. */
export async function demoUser(db: Kysely<Database>, username: string): Promise<SessionUser> {
  const u = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = u.roles as Role[];
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    centerId: u.center_id,
    staffId: u.staff_id,
    roles,
    permissions: permissionsOf(roles),
    mustChangePassword: false,
    sessionId: 'demo',
  };
}
