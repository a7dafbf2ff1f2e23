import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer } from './server.ts';
import { login } from './load.ts';
import { createTempDatabase, runPgbench } from './pgbench.ts';
import { sha256 } from '../packages/server/src/audit/write.ts';
const tmp = mkdtempSync(join(tmpdir(), 'bb-'));
const t = await createTempDatabase('postgres://postgres@127.0.0.1:5432/postgres');
try {
  const s = await startServer({ dataDir: join(tmp, 'x'), databaseUrl: t.url, logPath: join(tmp, 'log') });
  const a = await login(s.baseUrl);
  await s.stop();
  const r = await runPgbench({ url: t.url, dir: tmp, seconds: 2, clients: 4, threads: 2, vars: {
    session_id: sha256(a.sessionToken), name: 'n', position: 'p', in_post_from: '2026-01-01', center_id: a.centerId, space: ' ',
    chain: `center:${a.centerId}`, zero: 0, genesis: '0'.repeat(64), at: new Date().toISOString(), user_id: a.userId, actor_name: 'x（admin）',
    action: 'staff.create', entity_type: 'staff', after: '{"a": 1}', ip: '127.0.0.1', request_id: 'r', hash: sha256('x') } });
  console.log(r);
  console.log(execFileSync('psql', ['-X', '-At', '-d', t.url, '-c', `select count(*) filter (where staff_no ~ '^[0-9]+$'), max(length(staff_no)) from staff; select count(*), max(seq), count(distinct seq) from audit_log where chain='center:1' and action='staff.create' and request_id='r'; select seq from audit_heads where chain='center:1'; select concat_ws(' ', 'a','b')`], { encoding: 'utf8' }));
} finally { await t.drop(); }
