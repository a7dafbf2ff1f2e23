import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/connect.ts';
import { freshDatabase } from './db.ts';

describe('serving the console', () => {
  const dist = mkdtempSync(join(tmpdir(), 'bianmin-web-'));
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html lang="zh-CN"><title>便民</title></html>',
    );
    writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
    db = await freshDatabase('pglite');
    app = await buildApp({ db, config: { ...loadConfig({}), webDist: dist } });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the app page for its own routes and the bundle files', async () => {
    for (const url of ['/', '/login', '/org/staff?q=1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('便民');
    }
    const js = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('serves a file added after start-up, and 404s a missing bundle file instead of the app page', async () => {
    writeFileSync(join(dist, 'assets', 'app-2.js'), 'console.log(2)');
    expect((await app.inject({ method: 'GET', url: '/assets/app-2.js' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/assets/gone.js' })).statusCode).toBe(404);
  });

  it('keeps unknown API paths a JSON 404, not the app page', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing/here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
