import { ROLES, type Role } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { hashPassword } from '../src/modules/auth/password-hash.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';

/** One account per role, each holding that role alone, in the demo center (county admin: none). */
export async function oneUserPerRole(db: Kysely<Database>): Promise<Map<Role, string>> {
  const center = await db
    .selectFrom('centers')
    .select('id')
    .where('code', '=', 'qingshi')
    .executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const usernames = new Map<Role, string>();
  for (const role of ROLES) {
    const username = `only-${role.replaceAll('_', '-')}`;
    await db
      .insertInto('users')
      .values({
        center_id: role === 'county_admin' ? null : center.id,
        username,
        display_name: username,
        password_hash: passwordHash,
        roles: [role],
        created_at: new Date('2026-03-01T00:00:00Z'),
        password_changed_at: new Date('2026-03-01T00:00:00Z'),
      })
      .execute();
    usernames.set(role, username);
  }
  return usernames;
}
