import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

/** The 2027 arrangement as a clerk would type it (illustrative dates, not the real notice). */
const YEAR_2027 = {
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-02-06', name: '春节' },
    { date: '2027-02-07', name: '春节' },
    { date: '2027-02-08', name: '春节' },
  ],
  workdays: [{ date: '2027-02-13', name: '春节' }],
};

describe.each(DATABASES)('working-day calendar on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let clerk: string;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  const call: TestApp['call'] = (...args) => t.call(...args);

  it('starts a center with the official years 2023–2026 and a summer/winter timetable', async () => {
    const res = await call(clerk, 'GET', '/api/calendar');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.years.map((y: { year: number }) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    expect(body.years.every((y: { source: string }) => y.source === 'chinese-days')).toBe(true);
    expect(body.seasons).toEqual([
      { from: '05-01', open: '08:30', close: '18:00' },
      { from: '10-01', open: '08:30', close: '17:30' },
    ]);
    const y2026 = (await call(clerk, 'GET', '/api/calendar/2026')).json();
    expect(y2026.holidays.filter((d: { name: string }) => d.name === '春节')).toHaveLength(9);
    expect(y2026.workdays.map((d: { date: string }) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('says which year is missing: deadlines into it would be provisional', async () => {
    // The test clock is 2026-03-02: this year is there, next year is not.
    expect((await call(clerk, 'GET', '/api/calendar')).json().missingYears).toEqual([2027]);
    expect((await call(clerk, 'GET', '/api/calendar/2027')).statusCode).toBe(404);
  });

  it('lets the center admin enter next year in one request, audited, and then it is no longer missing', async () => {
    const res = await call(admin, 'PUT', '/api/calendar/2027', { ...YEAR_2027, version: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, source: 'manual', version: 0 });
    expect((await call(clerk, 'GET', '/api/calendar')).json().missingYears).toEqual([]);
    const auditor = await t.login('shenji');
    const entries = (
      await call(auditor, 'GET', '/api/audit?action=calendar.year_set&entityId=2027')
    ).json();
    expect(entries.total).toBe(1);
    expect(entries.items[0].after.holidays).toHaveLength(4);
  });

  it('refuses a stale edit of a year', async () => {
    const again = await call(admin, 'PUT', '/api/calendar/2027', { ...YEAR_2027, version: null });
    expect(again.statusCode).toBe(409);
    const fixed = await call(admin, 'PUT', '/api/calendar/2027', {
      holidays: [...YEAR_2027.holidays, { date: '2027-02-09', name: '春节' }],
      workdays: YEAR_2027.workdays,
      version: 0,
    });
    expect(fixed.json()).toMatchObject({ version: 1 });
    expect(fixed.json().holidays).toHaveLength(5);
  });

  it.each([
    [
      'a make-up workday on a weekday',
      { holidays: YEAR_2027.holidays, workdays: [{ date: '2027-02-10', name: '' }] },
      'WORKDAY_NOT_WEEKEND',
      'workdays.0.date',
    ],
    [
      'a date of another year',
      { holidays: [{ date: '2028-01-01', name: '元旦' }], workdays: [] },
      'DATE_OUTSIDE_YEAR',
      'holidays.0.date',
    ],
    [
      'an impossible date',
      { holidays: [{ date: '2027-02-30', name: '' }], workdays: [] },
      'BAD_DATE',
      'holidays.0.date',
    ],
    ['no holiday at all', { holidays: [], workdays: [] }, 'NO_HOLIDAYS', 'holidays'],
  ])('refuses %s, naming the entry', async (_what, body, code, field) => {
    const year = body.holidays[0]?.date.startsWith('2027') ? 2027 : 2029;
    const res = await call(admin, 'PUT', `/api/calendar/${year}`, { ...body, version: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.fields[0].field).toBe(field);
    expect(res.json().error.fields[0].message).toMatch(/^(法定节假日|调休上班日)/);
  });

  it('changes the timetable, refusing a closing time before opening', async () => {
    const bad = await call(admin, 'PUT', '/api/calendar-hours', {
      seasons: [{ from: '05-01', open: '18:00', close: '08:00' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('CLOSE_NOT_AFTER_OPEN');
    const ok = await call(admin, 'PUT', '/api/calendar-hours', {
      seasons: [{ from: '01-01', open: '09:00', close: '17:00' }],
    });
    expect(ok.json()).toEqual([{ from: '01-01', open: '09:00', close: '17:00' }]);
  });

  it('lets window staff read but not change the calendar', async () => {
    expect(
      (await call(clerk, 'PUT', '/api/calendar/2029', { ...YEAR_2027, version: null })).statusCode,
    ).toBe(403);
  });

  it('gives a center created later its own calendar', async () => {
    const county = await t.login('county');
    const created = (
      await call(county, 'POST', '/api/centers', {
        code: 'xinhe',
        name: '新河镇便民服务中心',
        region: '示范县新河镇',
      })
    ).json();
    const cal = (await call(county, 'GET', `/api/calendar?centerId=${created.id}`)).json();
    expect(cal.years.map((y: { year: number }) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    // Another center's new year is not this one's.
    expect(cal.missingYears).toEqual([2027]);
  });
});
