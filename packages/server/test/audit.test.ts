import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { auditHashPayload } from '@bianmin/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptAuditKey, ANCHOR_FILE, writeAnchors } from '../src/audit/anchor.ts';
import { auditKeyOf } from '../src/audit/key.ts';
import { verifyChain } from '../src/audit/verify.ts';
import { entryHash, GENESIS_HASH, sha256 } from '../src/audit/write.ts';
import { TEST_AUDIT_KEY, testApp, type TestApp } from './app.ts';
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

describe.each(DATABASES)('audit trail against someone who controls the database, on %s', (kind) => {
  let t: TestApp;
  let auditor: string;
  let admin: string;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
    auditor = await t.login('shenji');
  });
  afterAll(() => t.close());

  const verify = async () => (await t.call(auditor, 'GET', '/api/audit/verify')).json();
  const anchorFile = () => join(t.config.auditDir, ANCHOR_FILE);
  /** As the superuser: the append-only guard off for one statement. */
  const asSuperuser = async (statement: ReturnType<typeof sql>) => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.db.kysely);
    try {
      await statement.execute(t.db.kysely);
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.db.kysely);
    }
  };
  const entries = (from: number) =>
    t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', 'center:1')
      .where('seq', '>=', from)
      .orderBy('seq')
      .execute();
  /** Rewrite every entry from `from` on as `hashOf` says, relinking the chain and its head. */
  async function recompute(
    from: number,
    hashOf: (e: Parameters<typeof entryHash>[0]) => {
      hash: string;
      version: number;
      keyId: string | null;
    },
  ) {
    const rows = await entries(from);
    let prev = rows[0]!.prev_hash;
    for (const r of rows) {
      const fields = {
        chain: r.chain,
        centerId: r.center_id,
        seq: r.seq,
        at: r.at.toISOString(),
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        ip: r.ip,
        requestId: r.request_id,
        prevHash: prev,
        keyId: null,
      };
      const next = hashOf(fields);
      await asSuperuser(
        sql`update audit_log set prev_hash = ${prev}, hash = ${next.hash}, hash_version = ${next.version}, key_id = ${next.keyId} where id = ${r.id}`,
      );
      prev = next.hash;
    }
    const last = rows.at(-1)!;
    await sql`update audit_heads set seq = ${last.seq}, hash = ${prev} where chain = 'center:1'`.execute(
      t.db.kysely,
    );
  }
  async function newUnit(code: string) {
    const res = await t.call(admin, 'POST', '/api/window-units', { code, name: `单位${code}` });
    expect(res.statusCode).toBe(201);
  }

  it('signs every entry with the installation key, over every column', async () => {
    const [first] = await entries(1);
    expect(first).toMatchObject({ hash_version: 2, key_id: TEST_AUDIT_KEY.id });
    expect(await verify()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('finds an edited address, request id or center, which the first hash version left out', async () => {
    const [victim] = await entries(5);
    for (const [column, value] of [
      ['ip', '203.0.113.66'],
      ['request_id', 'forged-request'],
      ['center_id', 2],
    ] as const) {
      await asSuperuser(
        sql`update audit_log set ${sql.ref(column)} = ${value} where id = ${victim!.id}`,
      );
      expect(await verify(), column).toMatchObject({
        ok: false,
        firstBroken: { id: victim!.id, seq: victim!.seq, reason: 'hash' },
      });
      await asSuperuser(
        sql`update audit_log set ${sql.ref(column)} = ${victim![column]} where id = ${victim!.id}`,
      );
      expect((await verify()).ok, `${column} restored`).toBe(true);
    }
  });

  it('finds a chain edited and recomputed by someone without the key, however they hash it', async () => {
    const [victim] = await entries(7);
    await asSuperuser(
      sql`update audit_log set after = jsonb_set(after, '{name}', '"冒名"') where id = ${victim!.id}`,
    );
    // Plain SHA-256 of every column, as the code that writes unsigned entries would.
    await recompute(victim!.seq, (e) => ({ hash: entryHash(e, null), version: 2, keyId: null }));
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: victim!.seq, reason: 'key' },
    });
    // The first hash version, as if the chain had never been signed.
    await recompute(victim!.seq, (e) => ({
      hash: sha256(auditHashPayload(e)),
      version: 1,
      keyId: null,
    }));
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: victim!.seq, reason: 'key' },
    });
    // A key of their own, under the installation key's id.
    const theirs = auditKeyOf(Buffer.alloc(32, 9));
    await recompute(victim!.seq, (e) => ({
      hash: entryHash({ ...e, keyId: TEST_AUDIT_KEY.id }, theirs),
      version: 2,
      keyId: TEST_AUDIT_KEY.id,
    }));
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: victim!.seq, reason: 'hash' },
    });
    // Only the real key makes it whole again (what the attacker lacks).
    await recompute(victim!.seq, (e) => ({
      hash: entryHash({ ...e, keyId: TEST_AUDIT_KEY.id }, TEST_AUDIT_KEY),
      version: 2,
      keyId: TEST_AUDIT_KEY.id,
    }));
    expect((await verify()).ok).toBe(true);
  });

  it('finds a chain cut back to an earlier state by the heads kept outside the database', async () => {
    const written = new Map<string, number>();
    await newUnit('rw1');
    const [anchored] = await writeAnchors(t.db.kysely, t.clock, anchorFile(), written).then((a) =>
      a.filter((x) => x.chain === 'center:1'),
    );
    expect(anchored).toBeDefined();
    await newUnit('rw2');
    expect(await verify()).toMatchObject({ ok: true, head: { seq: anchored!.seq + 1 } });
    // Cut back to before the anchored entry: a consistent, shorter chain with its head reset.
    const keep = anchored!.seq - 2;
    const [last] = await entries(keep);
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.db.kysely);
    await sql`delete from audit_log where chain = 'center:1' and seq > ${keep}`.execute(
      t.db.kysely,
    );
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.db.kysely);
    await sql`update audit_heads set seq = ${keep}, hash = ${last!.hash} where chain = 'center:1'`.execute(
      t.db.kysely,
    );
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: anchored!.seq, reason: 'anchor' },
    });
    // Without the anchors the shorter chain looks whole: that is what they are for.
    rmSync(anchorFile());
    expect(await verify()).toMatchObject({ ok: true });
  });
});

describe.each(DATABASES)('audit chains written before hash version 2, on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind), { seed: false });
  });
  afterAll(() => t.close());

  it('keep verifying, are signed once with a record of it, and stay protected by that entry', async () => {
    // Three entries as the first version wrote them, with no key.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const e = {
        chain: 'global',
        seq,
        at: t.clock.now().toISOString(),
        actorUserId: null,
        actorName: '系统',
        action: 'legacy.entry',
        entityType: 'legacy',
        entityId: String(seq),
        before: null,
        after: { n: seq },
        prevHash: prev,
      };
      const hash = sha256(auditHashPayload(e));
      await t.db.kysely
        .insertInto('audit_log')
        .values({
          chain: 'global',
          center_id: null,
          seq,
          at: e.at,
          actor_user_id: null,
          actor_name: e.actorName,
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId,
          before: null,
          after: JSON.stringify(e.after),
          ip: '10.0.0.1',
          request_id: 'legacy',
          prev_hash: prev,
          hash,
          hash_version: 1,
          key_id: null,
        })
        .execute();
      prev = hash;
    }
    await t.db.kysely
      .insertInto('audit_heads')
      .values({ chain: 'global', seq: 3, hash: prev })
      .execute();
    expect(await verifyChain(t.db.kysely, 'global', { key: null })).toMatchObject({
      ok: true,
      checked: 3,
    });
    // With a key, an unsigned chain is not accepted as it is …
    expect(await verifyChain(t.db.kysely, 'global')).toMatchObject({
      ok: false,
      firstBroken: { seq: 3, reason: 'key' },
    });
    // … until the server signs it once, on start-up.
    expect(await adoptAuditKey(t.db.kysely, t.clock, TEST_AUDIT_KEY)).toEqual(['global']);
    expect(await adoptAuditKey(t.db.kysely, t.clock, TEST_AUDIT_KEY)).toEqual([]);
    const adopted = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', 'global')
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    expect(adopted).toMatchObject({
      action: 'audit.key_adopted',
      hash_version: 2,
      key_id: TEST_AUDIT_KEY.id,
    });
    expect(await verifyChain(t.db.kysely, 'global')).toMatchObject({ ok: true, checked: 4 });
    // An old entry edited and the old entries recomputed: the signed entry no longer links.
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.db.kysely);
    await sql`update audit_log set ip = '198.51.100.1' where chain = 'global' and seq = 2`.execute(
      t.db.kysely,
    );
    expect(await verifyChain(t.db.kysely, 'global')).toMatchObject({ ok: true });
    await sql`update audit_log set after = '{"n": 20}' where chain = 'global' and seq = 2`.execute(
      t.db.kysely,
    );
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.db.kysely);
    expect(await verifyChain(t.db.kysely, 'global')).toMatchObject({
      ok: false,
      firstBroken: { seq: 2, reason: 'hash' },
    });
  });
});
