import type { PortalCenter, PortalDayHours, PortalGuide } from '@bianmin/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/** Every key of a JSON value, however deep. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysOf)
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)])
      : [];

describe.each(DATABASES)("the citizens' portal on %s", (kind) => {
  let t: TestApp;
  let sequence = 0;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
  });
  afterAll(() => t.close());

  /** A visitor's request, each from an address of its own (the public routes are rate-limited). */
  const visit = (url: string) => {
    sequence += 1;
    return t.app.inject({
      method: 'GET',
      url,
      remoteAddress: `198.18.${Math.floor(sequence / 250)}.${(sequence % 250) + 1}`,
    });
  };
  /** Sets the server's clock to an instant (the tests move it both ways). */
  const at = (instant: string) => t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
  const centerAt = async (instant: string) => {
    at(instant);
    const res = await visit('/api/public/centers/qingshi');
    expect(res.statusCode).toBe(200);
    return res.json<PortalCenter>();
  };
  const brief = (d: PortalDayHours) =>
    [d.date, d.kind, d.open ? `${d.openAt}–${d.closeAt}` : 'closed'].join(' ');

  it('lists the centers by code, with nothing but their names', async () => {
    const res = await visit('/api/public/centers');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.json()).toEqual([
      { code: 'baisha', name: '白沙乡便民服务中心', region: '示范县白沙乡' },
      { code: 'qingshi', name: '青石镇便民服务中心', region: '示范县青石镇' },
    ]);
  });

  it('gives a center’s address, phone and opening on a plain week in winter hours', async () => {
    // Monday 2 March 2026, 09:00 in Beijing.
    const center = await centerAt('2026-03-02T09:00:00+08:00');
    expect(center).toMatchObject({
      code: 'qingshi',
      name: '青石镇便民服务中心',
      address: '示范县青石镇青石大道 88 号（镇政府东侧一楼）',
      phone: '0571-8468 1230',
    });
    expect(center.today).toEqual({
      date: '2026-03-02',
      kind: 'workday',
      open: true,
      openAt: '08:30',
      closeAt: '17:30',
      calendarMissing: false,
    });
    expect(center.week.map(brief)).toEqual([
      '2026-03-02 workday 08:30–17:30',
      '2026-03-03 workday 08:30–17:30',
      '2026-03-04 workday 08:30–17:30',
      '2026-03-05 workday 08:30–17:30',
      '2026-03-06 workday 08:30–17:30',
      '2026-03-07 weekend closed',
      '2026-03-08 weekend closed',
    ]);
  });

  it('takes today in Beijing: 23:30 UTC on Sunday is Monday morning there', async () => {
    const center = await centerAt('2026-03-01T23:30:00Z');
    expect(brief(center.today)).toBe('2026-03-02 workday 08:30–17:30');
  });

  it('closes on a weekend day and a holiday, opens on a make-up Saturday, in summer hours', async () => {
    // Tuesday 5 May 2026, the last day of 劳动节; Saturday 9 May is worked.
    const center = await centerAt('2026-05-05T10:00:00+08:00');
    expect(center.today).toMatchObject({ kind: 'holiday', open: false, openAt: null });
    expect(center.week.map(brief)).toEqual([
      '2026-05-05 holiday closed',
      '2026-05-06 workday 08:30–18:00',
      '2026-05-07 workday 08:30–18:00',
      '2026-05-08 workday 08:30–18:00',
      '2026-05-09 makeUpWorkday 08:30–18:00',
      '2026-05-10 weekend closed',
      '2026-05-11 workday 08:30–18:00',
    ]);
    const national = await centerAt('2026-10-07T09:00:00+08:00');
    expect(national.week.map(brief).slice(0, 4)).toEqual([
      '2026-10-07 holiday closed',
      '2026-10-08 workday 08:30–17:30',
      '2026-10-09 workday 08:30–17:30',
      '2026-10-10 makeUpWorkday 08:30–17:30',
    ]);
  });

  it('guesses Monday to Friday in a year whose calendar is not entered, and says so', async () => {
    // Tuesday 29 December 2026: the week runs into 2027, which has no calendar yet.
    const center = await centerAt('2026-12-29T09:00:00+08:00');
    expect(center.week.map((d) => [brief(d), d.calendarMissing])).toEqual([
      ['2026-12-29 workday 08:30–17:30', false],
      ['2026-12-30 workday 08:30–17:30', false],
      ['2026-12-31 workday 08:30–17:30', false],
      ['2027-01-01  08:30–17:30', true],
      ['2027-01-02  closed', true],
      ['2027-01-03  closed', true],
      ['2027-01-04  08:30–17:30', true],
    ]);
    expect(center.week[3]!.kind).toBeNull();
    const next = await centerAt('2027-01-04T09:00:00+08:00');
    expect(next.today).toMatchObject({ kind: null, open: true, calendarMissing: true });
  });

  it('refuses an unknown center with its own code, and a code too long naming the field', async () => {
    for (const url of ['/api/public/centers/nowhere', '/api/public/centers/nowhere/guide']) {
      const res = await visit(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error).toMatchObject({
        code: 'CENTER_NOT_FOUND',
        message: '没有这个便民服务中心，请从中心列表中选择',
      });
      expect(res.headers['cache-control'] ?? '', url).not.toContain('public');
    }
    const long = await visit(`/api/public/centers/${'x'.repeat(33)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields).toEqual([
      expect.objectContaining({ field: 'code', message: expect.stringMatching(/^编号：/) }),
    ]);
  });

  describe('the service guide', () => {
    let guide: PortalGuide;
    const item = (code: string) => guide.items.find((i) => i.code === code)!;
    beforeAll(async () => {
      at('2026-03-02T09:00:00+08:00');
      const admin = await t.login('admin');
      // One item withdrawn from service: the guide no longer offers it.
      const items = (await t.call(admin, 'GET', '/api/service-items')).json<
        { id: number; code: string; version: number }[]
      >();
      const ny = items.find((i) => i.code === 'NY-001')!;
      const off = await t.call(admin, 'PATCH', `/api/service-items/${ny.id}`, {
        active: false,
        version: ny.version,
      });
      expect(off.statusCode).toBe(200);
      const res = await visit('/api/public/centers/qingshi/guide');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      guide = res.json<PortalGuide>();
    });

    it('lists the active items in the order of the hall: by window, then by code', () => {
      expect(guide.centerName).toBe('青石镇便民服务中心');
      expect(guide.items.map((i) => i.code)).toEqual([
        'MZ-001',
        'MZ-002',
        'MZ-003',
        'MZ-004',
        'MZ-005',
        'SB-001',
        'SB-002',
        'ZR-001',
        'SC-001',
        'SC-002',
        'WJ-001',
        'TY-001',
        'HJ-001',
      ]);
    });

    it('tells where, how long, what to bring and what it costs, once and completely', () => {
      expect(item('MZ-001')).toEqual({
        code: 'MZ-001',
        name: '最低生活保障申请',
        aliases: ['低保'],
        windowUnitName: '民政办',
        windows: ['01 民政救助窗口'],
        kind: 'promised',
        promisedDays: 15,
        legalDays: 30,
        termUnit: 'working',
        materials: [
          '低保申请书',
          '申请人居民身份证',
          '户口簿',
          '家庭收入及财产状况申报表',
          '家庭成员患病或残疾证明',
        ],
        fees: [],
        appointment: true,
        homeVisit: false,
        pinyin: 'zuidishenghuobaozhangshenqing dibao',
        initials: 'zdshbzsq db',
      });
      expect(item('SB-002').windows).toEqual(['02 社保医保窗口', '03 就业服务窗口']);
      expect(item('MZ-005')).toMatchObject({ kind: 'petition', termUnit: 'calendar' });
      expect(item('MZ-004')).toMatchObject({ kind: 'immediate', promisedDays: null });
      expect(item('HJ-001').fees).toEqual([
        expect.objectContaining({ name: '居民身份证工本费', amount: '20.00' }),
      ]);
      expect(item('HJ-001').fees[0]!.basis).toMatch(/发改价格〔2003〕2322号/);
    });

    it('says which items can be booked or done at home', () => {
      const flagged = (flag: 'appointment' | 'homeVisit') =>
        guide.items.filter((i) => i[flag]).map((i) => i.code);
      expect(flagged('homeVisit')).toEqual(['MZ-003', 'MZ-004', 'SB-001', 'HJ-001']);
      expect(flagged('appointment')).toEqual(
        expect.arrayContaining(['MZ-001', 'ZR-001', 'SC-001', 'HJ-001']),
      );
      expect(flagged('appointment')).not.toContain('MZ-002');
    });

    it('finds an item by the initials of its name or of a common name', () => {
      const initials = (typed: string) =>
        guide.items
          .filter((i) => i.initials.split(' ').some((k) => k.startsWith(typed)))
          .map((i) => i.code);
      expect(initials('zdshbz')).toEqual(['MZ-001']);
      expect(initials('gljt')).toEqual(['MZ-004']);
      expect(item('MZ-004').pinyin.split(' ')).toContain('gaolingbutie');
    });

    it('shows nothing private: no staff, no internal ids', async () => {
      const body = JSON.stringify(guide);
      for (const name of ['李娜', '吴静', '周敏', '赵建国']) expect(body).not.toContain(name);
      const keys = new Set(keysOf(guide));
      expect([...keys].filter((k) => k === 'id' || k.endsWith('Id') || k === 'version')).toEqual(
        [],
      );
      const center = (await visit('/api/public/centers/qingshi')).json();
      expect(keysOf(center).filter((k) => k === 'id' || k.endsWith('Id'))).toEqual([]);
    });

    it('keeps each center’s guide to itself', async () => {
      const other = (await visit('/api/public/centers/baisha/guide')).json<PortalGuide>();
      expect(other.centerName).toBe('白沙乡便民服务中心');
      expect(other.items.map((i) => i.code)).toEqual(['MZ-001', 'SB-001']);
      expect(other.items[0]!.windows).toEqual(['01 综合受理窗口']);
    });
  });

  it('lets many people behind one address read the portal, and stops only a flood', async () => {
    const from = (url: string) => t.app.inject({ method: 'GET', url, remoteAddress: '198.19.0.1' });
    // More than the case query's 20 a minute: a village's shared connection, a person paging.
    for (let i = 0; i < 40; i += 1)
      expect((await from('/api/public/centers/qingshi/guide')).statusCode).toBe(200);
    let refused = 0;
    for (let i = 0; i < 300; i += 1)
      if ((await from('/api/public/centers')).statusCode === 429) refused += 1;
    expect(refused).toBe(40);
    // The case query keeps its own, smaller wall, not used up by reading the guide.
    const q = await from('/api/public/case-status?receiptNo=001202603020001&queryCode=000000');
    expect(q.json().error.code).toBe('QUERY_FAILED');
  });
});
