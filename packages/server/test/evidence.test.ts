import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('rest of a picture'),
]);
const PDF = Buffer.from('%PDF-1.4 a scanned page');
/** No control character, format character (bidi overrides, zero-width) or line separator. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

describe.each(DATABASES)('names of uploaded evidence on %s', (kind) => {
  let t: TestApp;
  let kaohe: string;
  let findingId: number;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    kaohe = await t.login('kaohe');
    const staff = (await t.call(kaohe, 'GET', '/api/staff?q=李娜')).json()[0];
    const inspection = await t.call(kaohe, 'POST', '/api/inspections', {
      level: 'town',
      inspectedOn: '2026-03-02',
      inspectors: '镇纪委',
      findings: [{ staffId: staff.id, item: 1, description: '未佩戴工作证' }],
    });
    expect(inspection.statusCode).toBe(201);
    findingId = inspection.json().findings[0].id;
  });
  afterAll(() => t.close());

  const upload = (name: string, type: string, body: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/findings/${findingId}/evidence?name=${encodeURIComponent(name)}`,
      headers: { cookie: kaohe, 'content-type': type },
      payload: body,
    });
  const download = (id: number) =>
    t.app.inject({ method: 'GET', url: `/api/evidence/${id}`, headers: { cookie: kaohe } });

  it('names a file after what its bytes are, not what its name claims', async () => {
    const res = await upload('poly.html', 'image/png', PNG);
    expect(res.statusCode).toBe(201);
    const ev = res.json().evidence.at(-1);
    expect(ev).toMatchObject({ fileName: 'poly.png', mediaType: 'image/png' });
    const got = await download(ev.id);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="poly.png"; filename*=UTF-8''poly.png`,
    );
  });

  it('strips right-to-left overrides and other invisible characters from a name', async () => {
    // Shown as "通报exe.pdf" by a right-to-left-aware list: it is a PDF named 通报‮fdp.exe.
    const res = await upload('通报\u202efdp.exe', 'application/pdf', PDF);
    expect(res.statusCode).toBe(201);
    const ev = res.json().evidence.at(-1);
    expect(ev.fileName).toBe('通报fdp.pdf');
    const header = (await download(ev.id)).headers['content-disposition'] as string;
    expect(header).not.toMatch(INVISIBLE);
    expect(header).toBe(
      `attachment; filename="__fdp.pdf"; filename*=UTF-8''%E9%80%9A%E6%8A%A5fdp.pdf`,
    );
    // The audit entry records the name as stored.
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'finding.evidence_add')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ fileName: '通报fdp.pdf' });
  });

  it('lists and serves a name stored before names were cleaned as a safe one too', async () => {
    const res = await upload('old.png', 'image/png', PNG);
    const ev = res.json().evidence.at(-1);
    await t.db.kysely
      .updateTable('evidence_files')
      .set({ file_name: 'x\u202e\r\nlmth.png"; filename=evil.html' })
      .where('id', '=', ev.id)
      .execute();
    const listed = (await t.call(kaohe, 'GET', `/api/findings/${findingId}`)).json();
    const name = listed.evidence.find((e: { id: number }) => e.id === ev.id).fileName;
    expect(name).not.toMatch(INVISIBLE);
    expect(name.endsWith('.png')).toBe(true);
    const header = (await download(ev.id)).headers['content-disposition'] as string;
    expect(header).not.toMatch(INVISIBLE);
    expect(header.match(/"/g)).toHaveLength(2);
    expect(header).toMatch(/^attachment; filename="[^"]*\.png"; filename\*=UTF-8''[^";\s]*\.png$/);
  });
});
