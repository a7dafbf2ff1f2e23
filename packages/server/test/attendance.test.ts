import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearAttendance, yearAttendanceByDay } from '../src/modules/attendance/summary.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIN = 60_000;
/** A Shanghai wall-clock time as an ISO instant. */
const sh = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).toISOString();

interface Day {
  date: string;
  state: string;
  workingDay: boolean | null;
  signIn: string | null;
  signOut: string | null;
  signOutCorrected: boolean;
  lateMinutes: number;
  earlyMinutes: number;
  unexcusedMinutes: number;
  excusedMinutes: number;
}

// The test clock starts on Monday 2026-03-02 at 09:00 in Shanghai (winter hours 08:30–17:30). The
// demo signed the window staff in over the five working days before: Sat 02-28 (a make-up
// workday), Fri 02-27, Thu 02-26, Wed 02-25 and Tue 02-24 (src/demo/attendance.ts).
const DEMO_DAYS = ['2026-02-28', '2026-02-27', '2026-02-26', '2026-02-25', '2026-02-24'];

describe.each(DATABASES)('attendance on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let leader: string;
  let director: string;
  let admin: string;
  let kaohe: string;
  let staff: Map<string, number>;
  let centerId: number;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    clerk = await t.login('clerk');
    leader = await t.login('leader');
    director = await t.login('director');
    admin = await t.login('admin');
    kaohe = await t.login('kaohe');
    const list = (await t.call(kaohe, 'GET', '/api/staff')).json<
      { id: number; staffNo: string; centerId: number }[]
    >();
    staff = new Map(list.map((s) => [s.staffNo, s.id]));
    centerId = list[0]!.centerId;
  });
  afterAll(() => t.close());

  const month = async (cookie: string, url: string) => {
    const res = await t.call(cookie, 'GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ days: Day[]; totals: Record<string, number>; staffName: string }>();
  };
  const day = (days: Day[], date: string) => days.find((d) => d.date === date)!;
  /** Move the clock; sessions idle for 30 minutes expire, so sign in again. */
  const later = async (ms: number) => {
    t.clock.advance(ms);
    clerk = await t.login('clerk');
  };

  it('classifies the stored demo days: late, absent, missing sign-out, outing excused, nothing before the center started', async () => {
    expect((await t.call(kaohe, 'GET', '/api/duty?month=2026-02')).json().days[27]).toMatchObject({
      date: '2026-02-28',
      kind: 'makeUpWorkday',
      workingDay: true,
    });
    const liu = await month(leader, `/api/attendance/staff/${staff.get('W003')}?month=2026-02`);
    expect(liu.staffName).toBe('刘洋');
    expect(day(liu.days, '2026-02-28')).toMatchObject({
      state: 'late',
      lateMinutes: 12,
      unexcusedMinutes: 12,
    });
    for (const d of DEMO_DAYS.slice(1)) expect(day(liu.days, d).state).toBe('present');
    // Before the first sign event of the center nothing is counted, not even as absent.
    expect(day(liu.days, '2026-02-13')).toMatchObject({ state: 'not_counted', workingDay: true });
    expect(day(liu.days, '2026-02-21')).toMatchObject({ state: 'not_counted', workingDay: false });
    expect(liu.totals).toMatchObject({ workingDays: 5, present: 4, late: 1, lateMinutes: 12 });

    const ma = await month(director, `/api/attendance/staff/${staff.get('W007')}?month=2026-02`);
    expect(day(ma.days, '2026-02-27')).toMatchObject({
      state: 'absent',
      signIn: null,
      unexcusedMinutes: 540,
    });
    expect(ma.totals).toMatchObject({ absent: 1, present: 4, unexcusedMinutes: 540 });

    const yang = await month(leader, `/api/attendance/staff/${staff.get('W005')}?month=2026-02`);
    expect(day(yang.days, '2026-02-25')).toMatchObject({
      state: 'missing_sign_out',
      signOut: null,
    });

    const huang = await month(kaohe, `/api/attendance/staff/${staff.get('W004')}?month=2026-02`);
    expect(day(huang.days, '2026-02-28')).toMatchObject({ state: 'present', excusedMinutes: 90 });

    const xu = await month(kaohe, `/api/attendance/staff/${staff.get('W006')}?month=2026-02`);
    expect(day(xu.days, '2026-02-26')).toMatchObject({ state: 'late', lateMinutes: 25 });
  });

  it('sums a year for the year-end assessment from the same rules, refusing a year without calendar', async () => {
    const ids = ['W003', 'W007', 'W001', 'W005'].map((n) => staff.get(n)!);
    const other = (await t.call(await t.login('bs-admin'), 'GET', '/api/staff')).json<
      { id: number }[]
    >()[0]!.id;
    const year = await yearAttendance(t.db.kysely, centerId, [...ids, other], 2026, '2026-03-01');
    expect([...year.keys()].sort()).toEqual([...ids].sort());
    // 02-24 … 03-01: six days counted, five of them worked.
    expect(year.get(ids[0]!)).toMatchObject({ days: 6, workingDays: 5, late: 1, lateMinutes: 12 });
    expect(year.get(ids[1]!)).toMatchObject({ absent: 1, present: 4, unexcusedMinutes: 540 });
    expect(year.get(ids[2]!)).toMatchObject({ present: 5, late: 0, absent: 0 });
    expect(year.get(ids[3]!)).toMatchObject({ missingSignOut: 1, present: 4 });
    // A past year: the center had not started, nothing is counted.
    expect(
      (await yearAttendance(t.db.kysely, centerId, ids, 2025, '2026-03-01')).get(ids[0]!),
    ).toMatchObject({ days: 0, absent: 0 });
    await expect(
      yearAttendance(t.db.kysely, centerId, ids, 2030, '2030-06-01'),
    ).rejects.toMatchObject({ code: 'CALENDAR_YEAR_MISSING', extra: { details: { year: 2030 } } });
  });

  it('keeps each person to their own record unless they supervise or assess', async () => {
    const w002 = staff.get('W002')!;
    expect(
      (await t.call(clerk, 'GET', `/api/attendance/staff/${w002}?month=2026-02`)).json(),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(
      (await t.call(clerk, 'GET', `/api/attendance/staff/${staff.get('W001')}?month=2026-02`))
        .statusCode,
    ).toBe(200);
    // The office manager supervises 王芳 only; 陈刚 is none of hers.
    expect(
      (await t.call(admin, 'GET', `/api/attendance/staff/${w002}?month=2026-02`)).statusCode,
    ).toBe(404);
    expect(
      (await t.call(admin, 'GET', `/api/attendance/staff/${staff.get('C004')}?month=2026-02`))
        .statusCode,
    ).toBe(200);
    const baisha = await t.login('bs-admin');
    expect(
      (await t.call(baisha, 'GET', `/api/attendance/staff/${w002}?month=2026-02`)).statusCode,
    ).toBe(404);
    const bad = await t.call(clerk, 'GET', '/api/attendance/me?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('month');
    // The clerk's at-post list holds only herself.
    const own = (await t.call(clerk, 'GET', '/api/attendance/at-post')).json();
    expect(own.rows.map((r: { staffName: string }) => r.staffName)).toEqual(['李娜']);
    // The office manager supervises 王芳: she sees the two of them; the director everybody in post.
    const office = (await t.call(admin, 'GET', '/api/attendance/at-post')).json();
    expect(office.rows.map((r: { staffName: string }) => r.staffName).sort()).toEqual(
      ['吴静', '王芳'].sort(),
    );
    const all = (await t.call(director, 'GET', '/api/attendance/at-post')).json();
    expect(all.rows).toHaveLength(16);
    // A supervising leader who is not in the assessment group sees the staff he supervises only.
    await t.db.kysely
      .updateTable('users')
      .set({ roles: ['supervising_leader'] })
      .where('username', '=', 'leader')
      .execute();
    const plain = await t.login('leader');
    const led = (await t.call(plain, 'GET', '/api/attendance/at-post')).json();
    expect(led.rows).toHaveLength(11); // himself, the director and the nine window staff
    expect(
      (await t.call(plain, 'GET', `/api/attendance/staff/${staff.get('L003')}?month=2026-02`))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.call(plain, 'GET', `/api/attendance/staff/${w002}?month=2026-02`)).statusCode,
    ).toBe(200);
    await t.db.kysely
      .updateTable('users')
      .set({ roles: ['supervising_leader', 'assessment_deputy'] })
      .where('username', '=', 'leader')
      .execute();
  });

  it('signs in and out once a day, in order, audited; measures late and early from the stored signs', async () => {
    const today = (await t.call(clerk, 'GET', '/api/attendance/today')).json();
    expect(today).toMatchObject({
      date: '2026-03-02',
      workingDay: true,
      open: '08:30',
      close: '17:30',
      windowName: '民政救助窗口',
      signIn: null,
      atPost: false,
      reason: 'not_signed_in',
    });
    const early = await t.call(clerk, 'POST', '/api/attendance/sign-out');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'NOT_SIGNED_IN',
      message: '今天还没有签到，请先签到再签退',
    });
    const first = await t.call(clerk, 'POST', '/api/attendance/sign-in');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      atPost: true,
      reason: 'signed_in',
      signIn: sh('2026-03-02', '09:00'),
    });
    expect((await t.call(clerk, 'POST', '/api/attendance/sign-in')).json().error.code).toBe(
      'ALREADY_SIGNED_IN',
    );
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_type'])
      .where('action', '=', 'attendance.sign_in')
      .execute();
    expect(audit).toHaveLength(1);

    // While the day runs it is shown as today, not yet judged.
    expect(
      day((await month(clerk, '/api/attendance/me?month=2026-03')).days, '2026-03-02').state,
    ).toBe('today');
    await later(8 * HOUR); // 17:00
    expect((await t.call(clerk, 'POST', '/api/attendance/sign-out')).json()).toMatchObject({
      reason: 'signed_out',
      atPost: false,
    });
    expect((await t.call(clerk, 'POST', '/api/attendance/sign-out')).json().error.code).toBe(
      'ALREADY_SIGNED_OUT',
    );
    await later(HOUR); // 18:00, the day is over
    const march = await month(clerk, '/api/attendance/me?month=2026-03');
    expect(day(march.days, '2026-03-02')).toMatchObject({
      state: 'late_and_left_early',
      lateMinutes: 30,
      earlyMinutes: 30,
      unexcusedMinutes: 60,
    });
    expect(day(march.days, '2026-03-03').state).toBe('not_counted');
    expect(march.totals).toMatchObject({
      late: 1,
      leftEarly: 1,
      lateMinutes: 30,
      earlyMinutes: 30,
    });

    // Sign events cannot be edited away, even in the database.
    await expect(
      sql`update sign_events set at = now() where staff_id = ${staff.get('W001')}`.execute(
        t.db.kysely,
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('records a sign on a non-working day (e.g. duty) without counting it', async () => {
    await later(5 * DAY - 2 * HOUR); // Saturday 2026-03-07, 16:00
    const res = await t.call(clerk, 'POST', '/api/attendance/sign-in');
    expect(res.json()).toMatchObject({ date: '2026-03-07', workingDay: false, atPost: true });
    const march = await month(clerk, '/api/attendance/me?month=2026-03');
    expect(day(march.days, '2026-03-07')).toMatchObject({
      state: 'not_working_day',
      workingDay: false,
      signIn: sh('2026-03-07', '16:00'),
      lateMinutes: 0,
    });
    // 03-03 … 03-06 were working days without any sign: absent, 540 minutes each.
    expect(day(march.days, '2026-03-04')).toMatchObject({ state: 'absent', unexcusedMinutes: 540 });
    expect(march.totals).toMatchObject({ workingDays: 5, absent: 4, late: 1 });
  });

  it('refuses signs to an account without a staff record and two simultaneous sign-ins', async () => {
    const county = await t.login('county');
    expect((await t.call(county, 'POST', '/api/attendance/sign-in')).json().error.code).toBe(
      'NO_STAFF_FOR_ATTENDANCE',
    );
    // 王芳 left her post at the end of January: no more signs.
    await t.db.kysely
      .updateTable('staff')
      .set({ in_post_to: '2026-01-31' })
      .where('id', '=', staff.get('C004')!)
      .execute();
    const left = await t.call(await t.login('duty'), 'POST', '/api/attendance/sign-in');
    expect(left.json().error).toMatchObject({
      code: 'NOT_IN_POST',
      message: '今天不在岗位任职期内，不能签到签退',
    });
    const yewu = await t.login('yewu');
    const both = await Promise.all([
      t.call(yewu, 'POST', '/api/attendance/sign-in'),
      t.call(yewu, 'POST', '/api/attendance/sign-in'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});

describe.each(DATABASES)('leave and outings on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let leader: string;
  let director: string;
  let staff: Map<string, number>;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    clerk = await t.login('clerk');
    leader = await t.login('leader');
    director = await t.login('director');
    const list = (await t.call(leader, 'GET', '/api/staff')).json<
      { id: number; staffNo: string }[]
    >();
    staff = new Map(list.map((s) => [s.staffNo, s.id]));
  });
  afterAll(() => t.close());

  /** Move the clock; sessions idle for 30 minutes expire, so sign in again. */
  const later = async (ms: number) => {
    t.clock.advance(ms);
    clerk = await t.login('clerk');
    leader = await t.login('leader');
    director = await t.login('director');
  };

  const outing = {
    kind: 'outing',
    from: sh('2026-03-02', '14:00'),
    to: sh('2026-03-02', '15:30'),
    reason: '到县民政局报送低保材料',
  };

  it('names the field of a bad request', async () => {
    const cases: [object, number, string, string][] = [
      [{ ...outing, to: sh('2026-03-02', '18:00') }, 400, 'OUTING_NOT_WITHIN_HOURS', 'to'],
      [{ ...outing, to: outing.from }, 400, 'RANGE_REVERSED', 'to'],
      [{ ...outing, reason: '   ' }, 400, 'REASON_REQUIRED', 'reason'],
      [{ ...outing, kind: 'holiday' }, 400, 'VALIDATION_FAILED', 'kind'],
      [{ ...outing, from: 'tomorrow' }, 400, 'VALIDATION_FAILED', 'from'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await t.call(clerk, 'POST', '/api/leave-requests', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.fields[0].field).toBe(field);
      expect(res.json().error.fields[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // 赵建国 has no supervising leader: nobody could approve, so the request is refused.
    const shenji = await t.login('shenji');
    expect((await t.call(shenji, 'POST', '/api/leave-requests', outing)).json().error.code).toBe(
      'NO_SUPERVISOR',
    );
  });

  it('is approved only by the supervising leader of the requester, once, with version checks', async () => {
    const created = await t.call(clerk, 'POST', '/api/leave-requests', outing);
    expect(created.statusCode, created.body).toBe(201);
    const req = created.json();
    expect(req).toMatchObject({
      status: 'pending',
      approverName: '钱志强',
      staffName: '李娜',
      version: 0,
    });
    expect(
      (
        await t.call(clerk, 'POST', '/api/leave-requests', {
          ...outing,
          from: sh('2026-03-02', '15:00'),
          to: sh('2026-03-02', '16:00'),
        })
      ).json().error.code,
    ).toBe('LEAVE_OVERLAP');

    const mine = (await t.call(clerk, 'GET', '/api/leave-requests/mine')).json();
    expect(mine.items.map((r: { id: number }) => r.id)).toEqual([req.id]);
    const waiting = (await t.call(leader, 'GET', '/api/leave-requests/to-approve')).json();
    // The clerk's outing and 陈刚's leave from the demo, both pending.
    expect(
      waiting.items.map((r: { staffName: string; status: string }) => [r.staffName, r.status]),
    ).toEqual(
      expect.arrayContaining([
        ['李娜', 'pending'],
        ['陈刚', 'pending'],
      ]),
    );
    expect((await t.call(director, 'GET', '/api/leave-requests/to-approve')).json().items).toEqual(
      [],
    );

    const approve = (cookie: string, version = 0) =>
      t.call(cookie, 'POST', `/api/leave-requests/${req.id}/approve`, { version });
    expect((await approve(clerk)).json().error.code).toBe('SELF_APPROVAL');
    // The director is a leader too, and sees everyone's attendance, but does not supervise 李娜.
    expect((await approve(director)).json().error.code).toBe('NOT_SUPERVISOR');
    expect((await approve(await t.login('kaohe'))).json().error.code).toBe('NOT_SUPERVISOR');
    expect((await approve(await t.login('bs-admin'))).statusCode).toBe(404);
    const stale = await approve(leader, 5);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 0 },
    });
    // Two clicks at once: one decides, the other is told the request changed.
    const [ok, twice] = await Promise.all([approve(leader), approve(leader)]).then((both) =>
      both.sort((a, b) => a.statusCode - b.statusCode),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(twice.statusCode).toBe(409);
    expect(['VERSION_CONFLICT', 'LEAVE_STATE']).toContain(twice.json().error.code);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedByName: '钱志强', version: 1 });
    expect((await approve(leader, 1)).json().error.code).toBe('LEAVE_STATE');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'leave_request')
      .where('entity_id', '=', String(req.id))
      .orderBy('id')
      .execute();
    // Each step also tells someone (issue 11): the leader of the request, 李娜 of the decision.
    expect(audit.map((a) => a.action)).toEqual([
      'leave.create',
      'inbox.notify',
      'leave.approve',
      'inbox.notify',
    ]);
    await expect(
      sql`update leave_requests set status = 'rejected' where id = ${req.id}`.execute(t.db.kysely),
    ).rejects.toThrow(/was decided/);

    // At post: signed in, then away on the approved outing, then back, then signed out.
    await t.call(clerk, 'POST', '/api/attendance/sign-in'); // 09:00
    const state = async () =>
      (await t.call(leader, 'GET', '/api/attendance/at-post'))
        .json()
        .rows.find((r: { staffName: string }) => r.staffName === '李娜');
    expect(await state()).toMatchObject({
      atPost: true,
      reason: 'signed_in',
      windowName: '民政救助窗口',
    });
    await later(5 * HOUR + 30 * MIN); // 14:30
    expect(await state()).toMatchObject({ atPost: false, reason: 'away', absence: 'outing' });
    expect((await t.call(clerk, 'GET', '/api/attendance/today')).json()).toMatchObject({
      reason: 'away',
      absence: 'outing',
    });
    await later(HOUR + 1); // 15:30:00.001
    expect(await state()).toMatchObject({ atPost: true });
    await later(2 * HOUR); // 17:30
    await t.call(clerk, 'POST', '/api/attendance/sign-out');
    expect(await state()).toMatchObject({ atPost: false, reason: 'signed_out' });
    const others = (await t.call(leader, 'GET', '/api/attendance/at-post')).json().rows;
    expect(others.find((r: { staffName: string }) => r.staffName === '陈刚')).toMatchObject({
      reason: 'not_signed_in',
    });
    // The outing excuses 90 minutes of the day; the late arrival (09:00) is still late.
    await later(HOUR);
    const march = (await t.call(clerk, 'GET', '/api/attendance/me?month=2026-03')).json();
    expect(march.days[1]).toMatchObject({ state: 'late', lateMinutes: 30, excusedMinutes: 90 });
  });

  it('rejects with a reason, lets only the requester cancel a pending request', async () => {
    const waiting = (await t.call(leader, 'GET', '/api/leave-requests/to-approve')).json();
    const chen = waiting.items.find((r: { staffName: string }) => r.staffName === '陈刚');
    const noReason = await t.call(leader, 'POST', `/api/leave-requests/${chen.id}/reject`, {
      version: chen.version,
      note: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('note');
    const rejected = await t.call(leader, 'POST', `/api/leave-requests/${chen.id}/reject`, {
      version: chen.version,
      note: '当天窗口无人顶岗，请改期',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      decisionNote: '当天窗口无人顶岗，请改期',
    });

    const leave = (
      await t.call(clerk, 'POST', '/api/leave-requests', {
        kind: 'personal_leave',
        from: sh('2026-03-05', '08:30'),
        to: sh('2026-03-06', '17:30'),
        reason: '回老家办理房产过户',
      })
    ).json();
    expect(
      (
        await t.call(leader, 'POST', `/api/leave-requests/${leave.id}/cancel`, { version: 0 })
      ).json().error.code,
    ).toBe('NOT_YOUR_REQUEST');
    const cancelled = await t.call(clerk, 'POST', `/api/leave-requests/${leave.id}/cancel`, {
      version: 0,
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', version: 1 });
    expect(
      (await t.call(clerk, 'POST', `/api/leave-requests/${leave.id}/cancel`, { version: 1 })).json()
        .error.code,
    ).toBe('LEAVE_STATE');
    // A cancelled request does not block the same time again, and it does not excuse anything.
    const again = await t.call(clerk, 'POST', '/api/leave-requests', {
      kind: 'official_leave',
      from: sh('2026-03-05', '08:30'),
      to: sh('2026-03-05', '17:30'),
      reason: '参加县里业务培训',
    });
    expect(again.statusCode).toBe(201);

    // The office manager's supervisor is the director: the director approves her leave.
    const admin = await t.login('admin');
    const hers = (
      await t.call(admin, 'POST', '/api/leave-requests', {
        kind: 'official_leave',
        from: sh('2026-03-04', '08:30'),
        to: sh('2026-03-04', '12:00'),
        reason: '到县政务服务中心开会',
      })
    ).json();
    expect(hers.approverName).toBe('周敏');
    expect(
      (
        await t.call(leader, 'POST', `/api/leave-requests/${hers.id}/approve`, { version: 0 })
      ).json().error.code,
    ).toBe('NOT_SUPERVISOR');
    expect(
      (
        await t.call(director, 'POST', `/api/leave-requests/${hers.id}/approve`, { version: 0 })
      ).json().status,
    ).toBe('approved');
  });

  it('lets the supervising leader supply a missing sign-out, marked and audited, nobody else', async () => {
    const w005 = staff.get('W005')!;
    const url = `/api/attendance/staff/${w005}/sign-out-correction`;
    const body = {
      date: '2026-02-25',
      at: sh('2026-02-25', '17:35'),
      reason: '当天下乡服务，未能签退，经核实',
    };
    expect((await t.call(director, 'POST', url, body)).json().error.code).toBe(
      'NOT_SUPERVISOR_OF_STAFF',
    );
    expect((await t.call(clerk, 'POST', url, body)).statusCode).toBe(404);
    const before = await t.call(leader, 'POST', url, { ...body, at: sh('2026-02-25', '07:00') });
    expect(before.json().error).toMatchObject({ code: 'CORRECTION_BEFORE_SIGN_IN' });
    expect(before.json().error.fields[0]).toMatchObject({ field: 'at' });
    const offDate = await t.call(leader, 'POST', url, { ...body, at: sh('2026-02-26', '17:35') });
    expect(offDate.json().error.code).toBe('CORRECTION_NOT_ON_DATE');
    const ok = await t.call(leader, 'POST', url, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().days[24]).toMatchObject({
      date: '2026-02-25',
      state: 'present',
      signOutCorrected: true,
      signOut: body.at,
    });
    expect((await t.call(leader, 'POST', url, body)).json().error.code).toBe(
      'SIGN_OUT_NOT_MISSING',
    );
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'attendance.correct_sign_out')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).toContain('当天下乡服务');
  });

  it('sums the year of everyone as classifyDay on every date does, refusals included', async () => {
    // After the leaves, outings and the correction above: the year-end path (working days only, on
    // day numbers, the lean read) against the per-date reference, every field of every person.
    const w007 = staff.get('W007')!;
    const { center_id: centerId } = await t.db.kysely
      .selectFrom('staff')
      .select('center_id')
      .where('id', '=', w007)
      .executeTakeFirstOrThrow();
    const sign = (day: string, kind: 'in' | 'out', at: string) =>
      sql`insert into sign_events (center_id, staff_id, day, kind, at, recorded_by_name, created_at)
        values (${centerId}, ${w007}, ${day}, ${kind}, ${at}::timestamptz, 'test', now())`.execute(
        t.db.kysely,
      );
    // Instants finer than the ms (never written by the app): floored, as the Date of the full read
    // is — 1 µs after opening is on time, 0.5 ms before closing is 1 ms early.
    await sign('2026-02-27', 'in', '2026-02-27 08:30:00.000999+08');
    await sign('2026-02-27', 'out', '2026-02-27 17:29:59.9995+08');
    const ids = [...staff.values()];
    for (const today of ['2026-02-26', '2026-03-02', '2026-12-31']) {
      const fast = await yearAttendance(t.db.kysely, centerId, ids, 2026, today);
      const reference = await yearAttendanceByDay(t.db.kysely, centerId, ids, 2026, today);
      expect(fast).toEqual(reference);
      expect(fast.size).toBeGreaterThan(10);
    }
    const year = await yearAttendance(t.db.kysely, centerId, [w007], 2026, '2026-03-01');
    expect(year.get(w007)).toMatchObject({ absent: 0, late: 0, leftEarly: 1, earlyMinutes: 1 });
    // A stored sign that is not on its day (never written by the app either): both refuse alike.
    await sign('2026-06-01', 'in', '2026-05-31 10:00:00+08');
    const refusal = `stored attendance of staff ${w007} on 2026-06-01 is invalid: SIGN_NOT_ON_DATE`;
    await expect(yearAttendance(t.db.kysely, centerId, ids, 2026, '2026-12-31')).rejects.toThrow(
      refusal,
    );
    await expect(
      yearAttendanceByDay(t.db.kysely, centerId, ids, 2026, '2026-12-31'),
    ).rejects.toThrow(refusal);
  });
});

describe.each(DATABASES)('duty roster on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let staff: Map<string, number>;
  beforeAll(async () => {
    t = await testApp(await freshDatabase(kind));
    admin = await t.login('admin');
    const list = (await t.call(admin, 'GET', '/api/staff')).json<
      { id: number; staffNo: string }[]
    >();
    staff = new Map(list.map((s) => [s.staffNo, s.id]));
  });
  afterAll(() => t.close());

  it('lists every date of a month with weekends and holidays, readable by everyone in the center', async () => {
    const clerk = await t.login('clerk');
    const april = (await t.call(clerk, 'GET', '/api/duty?month=2026-04')).json();
    expect(april.days).toHaveLength(30);
    expect(april.days[3]).toMatchObject({ date: '2026-04-04', kind: 'holiday', workingDay: false });
    expect(april.days[6]).toMatchObject({ date: '2026-04-07', kind: 'workday', workingDay: true });
    const march = (await t.call(clerk, 'GET', '/api/duty?month=2026-03')).json();
    // The demo staffed the weekends of the next 31 days, two officers each.
    expect(march.days[6]).toMatchObject({ date: '2026-03-07', kind: 'weekend', version: 1 });
    expect(march.days[6].officers).toHaveLength(2);
    expect(march.days[2].officers).toEqual([]);
    const missing = await t.call(clerk, 'GET', '/api/duty?month=2031-01');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.code).toBe('CALENDAR_YEAR_MISSING');
  });

  it('assigns and clears officers, only staff of the center in post that day, with version checks, audited', async () => {
    const put = (cookie: string, date: string, body: object) =>
      t.call(cookie, 'PUT', `/api/duty/${date}`, body);
    const two = [staff.get('C004')!, staff.get('W009')!];
    const ok = await put(admin, '2026-03-14', { staffIds: two, note: '白天值班', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      date: '2026-03-14',
      kind: 'weekend',
      officers: [{ name: '王芳' }, { name: '胡婷' }],
      note: '白天值班',
      version: 2,
    });
    expect((await put(admin, '2026-03-14', { staffIds: two, version: 1 })).json().error.code).toBe(
      'VERSION_CONFLICT',
    );
    const dup = await put(admin, '2026-03-14', { staffIds: [two[0], two[0]], version: 2 });
    expect(dup.json().error).toMatchObject({ code: 'DUTY_DUPLICATE_OFFICER' });
    expect(dup.json().error.fields[0]).toMatchObject({ field: 'staffIds.1' });
    const baishaStaff = (await t.call(await t.login('bs-admin'), 'GET', '/api/staff')).json()[0].id;
    const foreign = await put(admin, '2026-03-14', { staffIds: [baishaStaff], version: 2 });
    expect(foreign.json().error).toMatchObject({ code: 'DUTY_OFFICER_NOT_IN_POST' });
    await t.db.kysely
      .updateTable('staff')
      .set({ in_post_to: '2026-03-10' })
      .where('id', '=', staff.get('W009')!)
      .execute();
    const left = await put(admin, '2026-03-21', { staffIds: [staff.get('W009')], version: 1 });
    expect(left.json().error.code).toBe('DUTY_OFFICER_NOT_IN_POST');
    // A date nobody touched has version 0.
    const fresh = await put(admin, '2026-03-11', { staffIds: [two[0]], version: 0 });
    expect(fresh.json()).toMatchObject({ workingDay: true, version: 1 });
    const cleared = await put(admin, '2026-03-14', { staffIds: [], version: 2 });
    expect(cleared.json()).toMatchObject({ officers: [], version: 3 });
    const clerk = await t.login('clerk');
    expect((await put(clerk, '2026-03-14', { staffIds: [], version: 3 })).json().error.code).toBe(
      'FORBIDDEN',
    );
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'duty_day')
      .where('entity_id', '=', '2026-03-14')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['duty.update', 'duty.update', 'duty.update']);
  });

  it('still records signs in a year the calendar lacks, but does not guess its days', async () => {
    const now = t.clock.now().getTime();
    t.clock.advance(Date.parse('2027-01-04T02:00:00Z') - now); // Monday 10:00 in Beijing
    const clerk = await t.login('clerk');
    const signed = await t.call(clerk, 'POST', '/api/attendance/sign-in');
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ date: '2027-01-04', workingDay: null, atPost: true });
    const month = await t.call(clerk, 'GET', '/api/attendance/me?month=2027-01');
    expect(month.statusCode).toBe(409);
    expect(month.json().error).toMatchObject({
      code: 'CALENDAR_YEAR_MISSING',
      details: { year: 2027 },
    });
    const far = await t.call(clerk, 'GET', '/api/attendance/me?month=9999-12');
    expect(far.statusCode).toBe(400);
    expect(far.json().error.fields[0].field).toBe('month');
  });
});
