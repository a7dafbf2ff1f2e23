/**
 * The first account of an installation without demo data:
 *   BIANMIN_NEW_PASSWORD='…' npm run create-county-admin -- <username> <姓名>
 * The county admin then creates the centers and their admins in the console. Audited as the system.
 * On PGlite, stop the server first (the data folder is locked).
 */
import { checkPasswordStrength } from '@bianmin/domain';
import { ERRORS } from '@bianmin/contracts';
import { prepareAuditKey, setAuditKey } from '../audit/key.ts';
import { systemActor, write } from '../audit/write.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { hashPassword } from '../modules/auth/password-hash.ts';
import { insertUser } from '../modules/users/repository.ts';

const [username, displayName] = process.argv.slice(2);
const password = process.env.BIANMIN_NEW_PASSWORD ?? '';
if (!username || !displayName || !/^[a-z0-9_.-]{3,32}$/.test(username)) {
  console.error(
    '用法 usage: BIANMIN_NEW_PASSWORD=… npm run create-county-admin -- <username> <姓名>',
  );
  process.exit(2);
}
const strength = checkPasswordStrength(password, username);
if (!strength.ok) {
  console.error(`BIANMIN_NEW_PASSWORD: ${ERRORS[strength.code].message}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir },
);
try {
  // Signed with the installation's audit key, like everything the server writes (decision 0004).
  setAuditKey(await prepareAuditKey(db.kysely, config.auditDir));
  const passwordHash = await hashPassword(password);
  const user = await write(db.kysely, systemClock, systemActor, async (tx, audit, at) => {
    const created = await insertUser(tx, {
      created_at: at,
      center_id: null,
      staff_id: null,
      username,
      display_name: displayName,
      password_hash: passwordHash,
      roles: ['county_admin'],
      must_change_password: true,
    });
    await audit({
      centerId: null,
      action: 'user.create',
      entityType: 'user',
      entityId: created.id,
      before: null,
      after: created,
    });
    return created;
  });
  console.log(`已创建县级管理员 ${user.username}（首次登录须修改密码） — county admin created`);
} finally {
  await db.close();
}
