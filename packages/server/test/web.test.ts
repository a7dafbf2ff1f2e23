import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Db } from '../src/db/connect.ts';
import { freshDatabase } from './db.ts';

const PORTAL = '<!doctype html><html lang="zh-CN"><title>便民服务中心</title></html>';
const CONSOLE = '<!doctype html><html lang="zh-CN"><title>便民服务中心管理系统</title></html>';

describe('serving the portal and the console', () => {
  const dist = mkdtempSync(join(tmpdir(), 'bianmin-web-'));
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, 'staff'));
    writeFileSync(join(dist, 'index.html'), PORTAL);
    writeFileSync(join(dist, 'staff', 'index.html'), CONSOLE);
    writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
    // As the build leaves them (packages/web/build/precompress.ts).
    writeFileSync(join(dist, 'assets', 'app-1.js.br'), brotliCompressSync('console.log(1)'));
    writeFileSync(join(dist, 'assets', 'app-1.js.gz'), gzipSync('console.log(1)'));
    writeFileSync(join(dist, 'index.html.br'), brotliCompressSync(PORTAL));
    db = await freshDatabase('pglite');
    app = await buildApp({ db, config: { ...loadConfig({}), webDist: dist } });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the portal at the root and for its pages, the console below /staff/', async () => {
    for (const url of ['/', '/guide', '/guide/DB01?q=1', '/query?receiptNo=1', '/no/such/page']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(PORTAL);
    }
    for (const url of [
      '/staff',
      '/staff/',
      '/staff/login',
      '/staff/org/staff?q=1',
      '/staff/cases/12',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body, url).toBe(CONSOLE);
    }
  });

  it('serves the compressed copy a browser accepts, and keeps hashed files cached for good', async () => {
    const br = await app.inject({
      method: 'GET',
      url: '/assets/app-1.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
    const gz = await app.inject({
      method: 'GET',
      url: '/assets/app-1.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
    const page = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'br' },
    });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(page.rawPayload).toString()).toBe(PORTAL);
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
