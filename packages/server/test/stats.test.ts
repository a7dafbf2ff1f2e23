import type { CasePage, CenterStats, CountyStats, StatsTrend } from '@bianmin/contracts';
import { caseKindOf, onTimeBy, type AcceptedKind } from '@bianmin/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trend as repoTrend } from '../src/modules/stats/repository.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const HOUR_MIN = 60;

/**
 * 办件统计 on a month built through the API at a fixed clock (February 2026, winter hours
 * 08:30–17:30, 春节 15–23 February off), every figure checked exactly, each against the list it
 * opens, and the Excel report read back.
 */
describe.each(DATABASES)('statistics (办件统计) on %s', (kind) => {
  let t: TestApp;
  let clerk: string; // 李娜 (W001), window 01 民政救助窗口
  let director: string; // 周敏
  let duty: string; // 王芳: enters ratings from paper cards
  let kaohe: string; // the assessment group: registers public reports
  let county: string;
  let items: Map<string, { id: number; materials: string[] }>;
  let staff: Map<string, number>;
  let windows: Map<string, number>;

  const loginAll = async () => {
    clerk = await t.login('clerk');
    director = await t.login('director');
    duty = await t.login('duty');
    kaohe = await t.login('kaohe');
    county = await t.login('county');
  };
  /** Moves the clock forward to a Beijing wall-clock time (the sessions are signed in again). */
  const at = async (beijing: string) => {
    t.clock.advance(Date.parse(`${beijing}+08:00`) - t.clock.now().getTime());
    await loginAll();
  };
  const ok = async (res: Promise<{ statusCode: number; body: string; json: <T>() => T }>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json<{ id: number; version: number }>();
  };
  const intake = (body: object, as = clerk) =>
    ok(
      t.call(as, 'POST', '/api/cases', {
        channel: 'window',
        applicant: { type: 'person', name: '张桂兰' },
        ...body,
      }),
    );
  const act = async (as: string, id: number, path: string, body: object = {}) => {
    const c = (await t.call(as, 'GET', `/api/cases/${id}`)).json<{ version: number }>();
    return ok(t.call(as, 'POST', `/api/cases/${id}/${path}`, { version: c.version, ...body }));
  };
  const accept = (code: string, kind: AcceptedKind = 'promised') =>
    intake({ itemId: items.get(code)!.id, then: { action: 'accept', kind } });
  const complete = (id: number, as = clerk) => act(as, id, 'complete', { result: '已办结' });

  const made: Record<string, number> = {};

  // Two months of cases through the API: more than the default minute on a busy machine.
  beforeAll(async () => {
    // Monday 26 January 2026, 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-01-26T01:00:00Z') });
    await loginAll();
    const list = (await t.call(clerk, 'GET', '/api/service-items')).json<
      { id: number; code: string; materials: { name: string }[] | string[] }[]
    >();
    items = new Map(
      list.map((i) => [
        i.code,
        {
          id: i.id,
          materials: i.materials.map((m) => (typeof m === 'string' ? m : m.name)),
        },
      ]),
    );
    const rows = await t.db.kysely
      .selectFrom('staff as s')
      .innerJoin('centers as c', 'c.id', 's.center_id')
      .leftJoin('windows as w', 'w.id', 's.window_id')
      .select(['s.id', 's.staff_no', 'w.id as window_id', 'w.number'])
      .where('c.code', '=', 'qingshi')
      .execute();
    staff = new Map(rows.map((r) => [r.staff_no, r.id]));
    windows = new Map(rows.filter((r) => r.number).map((r) => [r.number!, r.window_id!]));

    // January: one case, on time.
    made.I = (await accept('MZ-002')).id;
    await at('2026-01-27T10:00:00');
    await complete(made.I);

    // Monday 2 February 09:00: the month's visitors.
    await at('2026-02-02T09:00:00');
    made.A = (await accept('MZ-002')).id; // 5 working days: due Mon 9 February 17:30
    made.B = (await accept('MZ-002')).id;
    made.C = (await accept('MZ-004', 'immediate')).id;
    // 失业登记 by phone, handed to 陈刚 (window 02); the director accepts it for him (3 days).
    made.D = (await intake({ itemId: items.get('SB-002')!.id, channel: 'phone' })).id;
    await act(clerk, made.D, 'hand-over', { toStaffId: staff.get('W002'), method: 'phone' });
    await act(director, made.D, 'accept', { kind: 'promised' });
    made.E = (
      await intake({
        itemId: null,
        subject: '医保缴费时间',
        then: { action: 'answer', answer: '每年 9 月至 12 月集中缴费。' },
      })
    ).id;
    made.F = (
      await intake({
        itemId: items.get('MZ-001')!.id,
        then: { action: 'return', reasons: '户籍不在本镇。' },
      })
    ).id;
    made.G = (
      await intake({
        itemId: items.get('MZ-003')!.id,
        then: { action: 'supplement', materials: [items.get('MZ-003')!.materials[0]!] },
      })
    ).id;
    made.J = (await intake({ itemId: items.get('MZ-001')!.id })).id; // not yet classified
    // Three bookings for Tuesday 3 February, by phone; the 10:00 one is cancelled at once.
    const book = (start: string, phone: string) =>
      ok(
        t.call(clerk, 'POST', '/api/bookings', {
          itemId: items.get('HJ-001')!.id,
          date: '2026-02-03',
          start,
          name: '王大爷',
          phone,
          channel: 'phone',
        }),
      );
    const arrive = await book('09:00', '13800000001');
    const absent = await book('09:30', '13800000002');
    const cancel = await book('10:00', '13800000003');
    await ok(
      t.call(clerk, 'POST', `/api/bookings/${cancel.id}/cancel`, { version: cancel.version }),
    );

    await at('2026-02-02T09:20:00');
    await complete(made.C); // 20 minutes: on time

    await at('2026-02-03T09:05:00');
    made.K = (
      await intake({
        itemId: items.get('HJ-001')!.id,
        bookingId: arrive.id,
        applicant: { type: 'person', name: '王大爷' },
      })
    ).id;
    await at('2026-02-03T10:00:00');
    await act(director, made.D, 'pause', { reason: 'testing', note: '检测' });
    await at('2026-02-03T11:00:00');
    await ok(
      t.call(clerk, 'POST', `/api/bookings/${absent.id}/no-show`, { version: absent.version }),
    );
    const report = (name: string) =>
      ok(
        t.call(kaohe, 'POST', '/api/reports', {
          channel: 'hotline',
          reporterName: name,
          reporterContact: '13900000000',
          details: '窗口工作人员办事拖拉。',
        }),
      );
    made.R1 = (await report('匿名')).id; // never decided: overdue once its term is over

    await at('2026-02-04T10:00:00');
    await act(director, made.D, 'resume'); // 9 working hours paused
    await complete(made.A); // on time

    await at('2026-02-05T09:00:00');
    const r2 = await report('张三');
    made.R2 = r2.id;
    await ok(
      t.call(clerk, 'POST', '/api/visits', {
        category: 'elderly',
        name: '李奶奶',
        phone: '13605710001',
        address: '青石镇东村 3 号',
        reason: '行动不便，申请上门办理高龄津贴',
        preferredDates: ['2026-02-06'],
        channel: 'phone',
      }),
    );

    await at('2026-02-06T10:00:00');
    await complete(made.D, director); // due 5 February, moved by the pause to 6 February 17:30
    const decided = await ok(
      t.call(kaohe, 'POST', `/api/reports/${made.R2}/decide`, {
        version: r2.version,
        outcome: 'unsubstantiated',
        reason: '经调查不属实。',
      }),
    );
    expect(decided.id).toBe(made.R2);
    await ok(
      t.call(kaohe, 'POST', `/api/reports/${made.R2}/reply`, {
        replyMethod: 'phone',
        replyContent: '经调查，反映情况不属实。',
      }),
    );

    await at('2026-02-10T10:00:00');
    await complete(made.B); // due 9 February: late
    await at('2026-02-10T11:00:00');
    const rate = (id: number, level: string, reasons: string[] = []) =>
      ok(t.call(duty, 'POST', `/api/cases/${id}/rating`, { level, reasons }));
    await rate(made.A, 'very_satisfied');
    await rate(made.B, 'dissatisfied', ['超过承诺时限']);
    await rate(made.C, 'basically_satisfied');

    // Thursday 26 February: accepted, completed in March.
    await at('2026-02-26T09:00:00');
    made.H = (await accept('MZ-002')).id;
    await at('2026-03-02T10:00:00');
    await complete(made.H);
    await at('2026-03-04T09:00:00');
  }, 180_000);
  afterAll(() => t.close());

  const stats = async (month: string, as = director, extra = '') => {
    const res = await t.call(as, 'GET', `/api/stats?month=${month}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CenterStats>();
  };
  const count = async (query: string, as = director) => {
    const res = await t.call(as, 'GET', `/api/cases?pageSize=1&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CasePage>().total;
  };

  it('counts the month exactly: on time, late, working time (pauses out), by window, item and person', async () => {
    const s = await stats('2026-02');
    expect(s.centerName).toBe('青石镇便民服务中心');
    // A 19 h (1140 min), B 55 h (3300), C 20 min, D 37 h less 9 h paused = 28 h (1680).
    expect(s.total).toEqual({
      closed: 4,
      onTime: 3,
      late: 1,
      ratePercent: 75,
      avgWorkingMinutes: 1535,
    });
    expect(s.byWindow).toEqual([
      {
        windowId: windows.get('01'),
        windowName: '民政救助窗口',
        closed: 3,
        onTime: 2,
        late: 1,
        ratePercent: 66.7,
        avgWorkingMinutes: 1487, // 4460 / 3
      },
      {
        windowId: windows.get('02'),
        windowName: '社保医保窗口',
        closed: 1,
        onTime: 1,
        late: 0,
        ratePercent: 100,
        avgWorkingMinutes: 28 * HOUR_MIN,
      },
    ]);
    expect(s.byItem.map((i) => [i.itemName, i.closed, i.onTime, i.avgWorkingMinutes])).toEqual([
      ['临时救助申请', 2, 1, 2220],
      ['高龄津贴申领', 1, 1, 20],
      ['失业登记', 1, 1, 1680],
    ]);
    expect(s.byPerson.map((p) => [p.staffId, p.staffName, p.closed, p.onTime])).toEqual([
      [staff.get('W001'), '李娜', 3, 2],
      [staff.get('W002'), '陈刚', 1, 1],
    ]);
    expect(s.missingYears).toEqual([]);
  });

  it('shows the 12 months ending with the month asked, oldest first', async () => {
    const s = await stats('2026-02');
    expect(s.trend.map((m) => m.month)).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(s.trend.at(-2)).toEqual({
      month: '2026-01',
      closed: 1,
      onTime: 1,
      late: 0,
      ratePercent: 100,
    });
    expect(s.trend.at(-1)).toMatchObject({ closed: 4, onTime: 3, ratePercent: 75 });
    expect(s.trend.slice(0, 10).every((m) => m.closed === 0 && m.ratePercent === null)).toBe(true);
    // This month (March, the clock's) when none is named; the board's trend is the same series.
    const plain = (await t.call(director, 'GET', '/api/stats')).json<CenterStats>();
    expect(plain.month).toBe('2026-03');
    expect(plain.total).toMatchObject({ closed: 1, onTime: 1 });
    const trend = (await t.call(director, 'GET', '/api/stats/trend')).json<StatsTrend>();
    expect(trend).toEqual({ month: '2026-03', trend: plain.trend });
  });

  it('counts a case completed at the first instant of a month in that month, not the one before', async () => {
    const c = await t.db.kysely
      .selectFrom('cases')
      .select(['center_id', 'closed_at'])
      .where('id', '=', made.C!)
      .executeTakeFirstOrThrow();
    const at = c.closed_at!; // 2 February 09:20; nothing else completed in the day before it
    const day = 24 * 3600_000;
    const months = [
      { from: new Date(at.getTime() - day), to: at },
      { from: at, to: new Date(at.getTime() + 1) },
    ];
    expect(await repoTrend(t.db.kysely, c.center_id, months)).toEqual([
      { closed: 0, onTime: 0 },
      { closed: 1, onTime: 1 },
    ]);
    await expect(
      repoTrend(t.db.kysely, c.center_id, [months[0]!, { from: months[1]!.to, to: at }]),
    ).rejects.toThrow(RangeError);
  });

  it('counts the volume by channel and by kind as the cases stand now', async () => {
    const s = await stats('2026-02');
    // A B C D E F G J K H: ten received in February (I in January).
    expect(s.volume.received).toBe(10);
    expect(Object.fromEntries(s.volume.byChannel.map((c) => [c.channel, c.count]))).toEqual({
      window: 9,
      phone: 1,
      letter: 0,
      email: 0,
      online: 0,
      door: 0,
    });
    expect(Object.fromEntries(s.volume.byKind.map((k) => [k.kind, k.count]))).toEqual({
      inquiry: 1,
      supplement: 1,
      returned: 1,
      unclassified: 2,
      immediate: 1,
      promised: 4,
      petition: 0,
      reported: 0,
    });
  });

  it('agrees with the domain’s definitions over the listed cases', async () => {
    const all = (
      await t.call(director, 'GET', '/api/cases?pageSize=100&receivedMonth=2026-02')
    ).json<CasePage>().items;
    const kinds = new Map<string, number>();
    for (const c of all) {
      const k = caseKindOf({ status: c.status, acceptedKind: c.acceptedKind });
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    const s = await stats('2026-02');
    for (const k of s.volume.byKind) expect(kinds.get(k.kind) ?? 0, k.kind).toBe(k.count);
    const closed = (
      await t.call(director, 'GET', '/api/cases?pageSize=100&closedMonth=2026-02')
    ).json<CasePage>().items;
    const byWindow = onTimeBy(
      closed.map((c) => ({ status: c.status, onTime: c.onTime })),
      (_, i) => closed[i]!.windowId,
    );
    for (const w of s.byWindow)
      expect(byWindow.get(w.windowId)).toEqual({ closed: w.closed, onTime: w.onTime });
  });

  it('opens each figure as a list with as many cases', async () => {
    const month = 'closedMonth=2026-02&status=completed';
    expect(await count(month)).toBe(4);
    expect(await count(`${month}&onTime=true`)).toBe(3);
    expect(await count(`${month}&onTime=false`)).toBe(1);
    expect(await count(`${month}&windowId=${windows.get('01')}`)).toBe(3);
    expect(await count(`${month}&windowId=${windows.get('01')}&onTime=true`)).toBe(2);
    expect(await count(`${month}&itemId=${items.get('MZ-002')!.id}`)).toBe(2);
    expect(await count(`${month}&holderStaffId=${staff.get('W002')}`)).toBe(1);
    expect(await count('receivedMonth=2026-02')).toBe(10);
    expect(await count('receivedMonth=2026-02&channel=phone')).toBe(1);
    expect(await count('receivedMonth=2026-02&kind=promised')).toBe(4);
    expect(await count('receivedMonth=2026-02&kind=accepted')).toBe(5);
    expect(await count('receivedMonth=2026-02&kind=unclassified')).toBe(2);
    expect(await count('receivedMonth=2026-02&kind=inquiry')).toBe(1);
    // A filter the list does not know is refused, not ignored.
    const bad = await t.call(director, 'GET', '/api/cases?closedMonth=2026-2');
    expect(bad.statusCode).toBe(400);
  });

  it('counts ratings, complaints, bookings and home visits, each as its list shows them', async () => {
    const s = await stats('2026-02');
    expect(s.ratings).toEqual({
      total: 3,
      byLevel: {
        very_satisfied: 1,
        satisfied: 0,
        basically_satisfied: 1,
        dissatisfied: 1,
        very_dissatisfied: 0,
      },
      satisfied: 2,
      bad: 1,
      excluded: 0,
      ratePercent: 66.7,
    });
    const ratings = (await t.call(director, 'GET', '/api/ratings?month=2026-02')).json<{
      total: number;
    }>();
    expect(ratings.total).toBe(3);

    // R1 registered 3 February, due 15 working days later (2 March), still undecided on 4 March.
    expect(s.complaints).toEqual({ received: 2, undecided: 1, replied: 1, overdue: 1 });
    const reports = async (q: string) =>
      (await t.call(kaohe, 'GET', `/api/reports?${q}`)).json<{
        total: number;
        items: { id: number }[];
      }>();
    expect((await reports('month=2026-02')).total).toBe(2);
    expect((await reports('month=2026-02&overdue=true')).items.map((r) => r.id)).toEqual([made.R1]);
    expect((await reports('month=2026-02&stage=replied')).total).toBe(1);
    expect((await reports('month=2026-02&stage=received')).total).toBe(1);

    expect(s.appointments).toEqual({
      booked: 3,
      arrived: 1,
      noShow: 1,
      cancelled: 1,
      pending: 0,
      noShowRatePercent: 50,
    });
    const bookings = async (q: string) =>
      (await t.call(director, 'GET', `/api/bookings?${q}`)).json<{ total: number }>().total;
    expect(await bookings('month=2026-02')).toBe(3);
    expect(await bookings('month=2026-02&status=no_show')).toBe(1);

    expect(s.visits).toEqual({ total: 1, requested: 1, scheduled: 0, visited: 0, cancelled: 0 });
    const visits = (await t.call(director, 'GET', '/api/visits?month=2026-02')).json<{
      total: number;
    }>();
    expect(visits.total).toBe(1);
  });

  it('writes the monthly report to Excel with the figures of the API', async () => {
    const s = await stats('2026-02');
    const res = await t.call(director, 'GET', '/api/stats/export?month=2026-02');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '青石镇便民服务中心办件统计月报（2026 年 2 月）.xlsx',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as never);
    const ws = book.getWorksheet('月报')!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const after = (title: string) => rows.findIndex((r) => r[0] === title);
    const onTimeRow = (label: string, f: CenterStats['total']) => [
      label,
      f.closed,
      f.onTime,
      f.late,
      f.ratePercent,
      f.avgWorkingMinutes === null ? null : f.avgWorkingMinutes / 60,
    ];
    const cells = (i: number, n = 6) => Array.from({ length: n }, (_, c) => rows[i]![c] ?? null);
    expect(cells(after('一、按时办结') + 2)).toEqual(onTimeRow('本月合计', s.total));
    const windows = after('三、按窗口') + 2;
    s.byWindow.forEach((w, i) => expect(cells(windows + i)).toEqual(onTimeRow(w.windowName, w)));
    const people = after('五、按承办人') + 2;
    s.byPerson.forEach((p, i) => expect(cells(people + i)).toEqual(onTimeRow(p.staffName, p)));
    const trend = after('二、近 12 个月按时办结率') + 2;
    s.trend.forEach((m, i) =>
      expect(cells(trend + i, 5)).toEqual([m.month, m.closed, m.onTime, m.late, m.ratePercent]),
    );
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(value('满意率（%）')).toBe(s.ratings.ratePercent);
    expect(value('超期（逾期决定或逾期未决定）')).toBe(s.complaints.overdue);
    expect(value('爽约')).toBe(s.appointments.noShow);
    expect(value('本月申请')).toBe(s.visits.total);
  });

  it('lets only those who see the board see a center’s figures, and the county admin any center', async () => {
    expect((await t.call(clerk, 'GET', '/api/stats?month=2026-02')).statusCode).toBe(403);
    expect((await t.call(clerk, 'GET', '/api/stats/export?month=2026-02')).statusCode).toBe(403);
    const baisha = await t.db.kysely
      .selectFrom('centers')
      .select('id')
      .where('code', '=', 'baisha')
      .executeTakeFirstOrThrow();
    const other = await t.call(director, 'GET', `/api/stats?month=2026-02&centerId=${baisha.id}`);
    expect(other.statusCode).toBe(403);
    // The county admin names the center; without one, the center is asked for.
    expect((await t.call(county, 'GET', '/api/stats?month=2026-02')).json().error.code).toBe(
      'CENTER_REQUIRED',
    );
    const mine = await stats('2026-02');
    const qingshi = await stats('2026-02', county, `&centerId=${mine.centerId}`);
    expect({ ...qingshi, now: null }).toEqual({ ...mine, now: null });
  });

  it('puts every center side by side for the county admin, with the figures of each center', async () => {
    expect((await t.call(director, 'GET', '/api/stats/county?month=2026-02')).statusCode).toBe(403);
    const res = await t.call(county, 'GET', '/api/stats/county?month=2026-02');
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<CountyStats>();
    expect(c.centers.map((x) => x.centerName)).toEqual([
      '青石镇便民服务中心',
      '白沙乡便民服务中心',
    ]);
    const mine = await stats('2026-02');
    expect(c.centers[0]).toEqual({
      centerId: mine.centerId,
      centerName: mine.centerName,
      ...mine.total,
      received: mine.volume.received,
      ratings: mine.ratings.total,
      satisfactionPercent: mine.ratings.ratePercent,
      complaints: mine.complaints.received,
      complaintsOverdue: mine.complaints.overdue,
      booked: mine.appointments.booked,
      noShow: mine.appointments.noShow,
      visits: mine.visits.total,
    });
    expect(c.centers[1]).toMatchObject({ closed: 0, ratePercent: null, avgWorkingMinutes: null });
    const book = new ExcelJS.Workbook();
    const file = await t.call(county, 'GET', '/api/stats/county/export?month=2026-02');
    expect(file.statusCode).toBe(200);
    await book.xlsx.load(file.rawPayload as never);
    const rows: unknown[][] = [];
    book
      .getWorksheet('各中心对比')!
      .eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const first = rows.find((r) => r[0] === '青石镇便民服务中心')!;
    expect(first.slice(0, 5)).toEqual(['青石镇便民服务中心', 4, 3, 1, 75]);
    expect(first[5]).toBe(1535 / 60);
  });
});
