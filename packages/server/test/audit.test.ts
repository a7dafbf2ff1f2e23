import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('audit trail on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let auditor: string;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
    auditor = await t.login('shenji');
  });
  afterAll(() => t.close());

  const call: TestApp['call'] = (...args) => t.call(...args);

  it('records who, when, what and before/after for a change', async () => {
    const unit = (
      await call(admin, 'POST', '/api/window-units', { code: 'aud', name: '审计测试' })
    ).json();
    await call(admin, 'PATCH', `/api/window-units/${unit.id}`, {
      name: '审计测试（改）',
      version: unit.version,
    });
    const res = await call(auditor, 'GET', `/api/audit?entityType=window_unit&entityId=${unit.id}`);
    expect(res.statusCode).toBe(200);
    const [update, create] = res.json().items;
    expect(res.json().total).toBe(2);
    expect(create).toMatchObject({
      action: 'window_unit.create',
      actorName: '吴静（admin）',
      before: null,
      after: { name: '审计测试' },
    });
    expect(update).toMatchObject({
      action: 'window_unit.update',
      before: { name: '审计测试', version: 0 },
      after: { name: '审计测试（改）', version: 1 },
      changed: ['name', 'version'],
    });
    expect(new Date(update.at).getTime()).toBe(t.clock.now().getTime());
  });

  it('filters by actor, action and time', async () => {
    const users = (await call(admin, 'GET', '/api/users')).json();
    const adminId = users.find((u: { username: string }) => u.username === 'admin').id;
    const byActor = (
      await call(auditor, 'GET', `/api/audit?actorUserId=${adminId}&pageSize=200`)
    ).json();
    expect(byActor.items.every((e: { actorUserId: number }) => e.actorUserId === adminId)).toBe(
      true,
    );
    const logins = (await call(auditor, 'GET', '/api/audit?action=auth.login')).json();
    expect(logins.total).toBeGreaterThanOrEqual(2);
    const future = (
      await call(auditor, 'GET', `/api/audit?from=${encodeURIComponent('2099-01-01T00:00:00Z')}`)
    ).json();
    expect(future.total).toBe(0);
  });

  it('lists the people who appear in the trail, for the filter', async () => {
    const actors = (await call(auditor, 'GET', '/api/audit/actors')).json();
    expect(actors.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['吴静（admin）', '赵建国（shenji）']),
    );
    expect(actors.every((a: { userId: number }) => Number.isInteger(a.userId))).toBe(true);
  });

  it('keeps a failed change and its audit entry together: neither is stored', async () => {
    const before = (await call(auditor, 'GET', '/api/audit?pageSize=1')).json().total;
    const dup = await call(admin, 'POST', '/api/window-units', { code: 'aud', name: '重复编号' });
    expect(dup.statusCode).toBe(409);
    expect((await call(auditor, 'GET', '/api/audit?pageSize=1')).json().total).toBe(before);
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    await expect(sql`update audit_log set actor_name = 'x'`.execute(t.db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(t.db.kysely)).rejects.toThrow(/append-only/);
  });

  it('verifies the chain and names the first entry someone tampered with', async () => {
    const ok = (await call(auditor, 'GET', '/api/audit/verify')).json();
    expect(ok).toMatchObject({ ok: true, firstBroken: null });
    expect(ok.checked).toBeGreaterThan(10);
    // An attacker with database superuser rights switches the guard off and edits history.
    const victim = await t.db.kysely
      .selectFrom('audit_log')
      .select(['id', 'seq'])
      .where('chain', '=', 'center:1')
      .where('action', '=', 'staff.create')
      .orderBy('seq')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.db.kysely);
    await sql`update audit_log set after = jsonb_set(after, '{name}', '"冒名"') where id = ${victim.id}`.execute(
      t.db.kysely,
    );
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.db.kysely);
    const broken = (await call(auditor, 'GET', '/api/audit/verify')).json();
    expect(broken).toMatchObject({
      ok: false,
      firstBroken: { id: victim.id, seq: victim.seq, reason: 'hash' },
    });
    expect(broken.checked).toBe(victim.seq - 1);
  });

  it('only lets the assessment group read it, and only the leaders verify it', async () => {
    expect((await call(admin, 'GET', '/api/audit')).statusCode).toBe(403);
    const member = await t.login('kaohe');
    expect((await call(member, 'GET', '/api/audit')).statusCode).toBe(200);
    expect((await call(member, 'GET', '/api/audit/verify')).statusCode).toBe(403);
  });
});
