import type { User } from '@bianmin/contracts';
import type { Role } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

const columns = [
  'id',
  'center_id',
  'username',
  'display_name',
  'staff_id',
  'roles',
  'disabled',
  'must_change_password',
  'last_login_at',
  'version',
] as const;

type Row = {
  id: number;
  center_id: number | null;
  username: string;
  display_name: string;
  staff_id: number | null;
  roles: string[];
  disabled: boolean;
  must_change_password: boolean;
  last_login_at: Date | null;
  version: number;
};

/** The public form of an account: never the password hash. */
const toUser = (r: Row): User => ({
  id: r.id,
  centerId: r.center_id,
  username: r.username,
  displayName: r.display_name,
  staffId: r.staff_id,
  roles: r.roles as Role[],
  disabled: r.disabled,
  mustChangePassword: r.must_change_password,
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  version: r.version,
});

export async function listUsers(db: Db, centerId: number): Promise<User[]> {
  const rows = await db
    .selectFrom('users')
    .select(columns)
    .where('center_id', '=', centerId)
    .orderBy('username')
    .execute();
  return rows.map(toUser);
}

export async function getUser(db: Db, id: number, lock = false): Promise<User | undefined> {
  const q = db.selectFrom('users').select(columns).where('id', '=', id);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  return row && toUser(row);
}

export async function insertUser(
  db: Db,
  values: {
    center_id: number | null;
    username: string;
    display_name: string;
    password_hash: string;
    roles: Role[];
    staff_id: number | null;
    must_change_password: boolean;
    created_at: Date;
  },
): Promise<User> {
  return toUser(
    await db
      .insertInto('users')
      .values({ ...values, password_changed_at: values.created_at })
      .returning(columns)
      .executeTakeFirstOrThrow(),
  );
}

export async function updateUser(
  db: Db,
  id: number,
  version: number,
  set: Partial<{
    display_name: string;
    roles: Role[];
    staff_id: number | null;
    disabled: boolean;
    password_hash: string;
    password_changed_at: Date;
    must_change_password: boolean;
  }>,
): Promise<User> {
  return toUser(
    await db
      .updateTable('users')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .returning(columns)
      .executeTakeFirstOrThrow(),
  );
}

export const endSessions = (db: Db, userId: number) =>
  db.deleteFrom('sessions').where('user_id', '=', userId).execute();

export const findStaffCenter = (db: Db, staffId: number) =>
  db.selectFrom('staff').select('center_id').where('id', '=', staffId).executeTakeFirst();

/** The account that stands for a staff member, if any (at most one: users_staff_id_key). */
export const findAccountOfStaff = (db: Db, staffId: number) =>
  db.selectFrom('users').select('id').where('staff_id', '=', staffId).executeTakeFirst();
