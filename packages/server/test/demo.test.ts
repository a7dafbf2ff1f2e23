import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAssessment } from '../src/demo/assessment.ts';
import { seedDemoCases } from '../src/demo/cases.ts';
import { seedDemoReports } from '../src/demo/reports.ts';
import { sweepOverdue } from '../src/modules/violations/service.ts';
import { testApp, type TestApp } from './app.ts';
import { freshDatabase } from './db.ts';

describe('the demo center', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(await freshDatabase('pglite'));
  });
  afterAll(() => t.close());

  it('has weeks of cases in every state for the workbench, the board and the assessment group', async () => {
    const deps = { db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: {} as never };
    expect(await seedDemoCases(deps)).toBe(15);
    // Two open cases are past their term: 临时救助 at 民政救助窗口, 个体工商户设立 at 06.
    expect(await sweepOverdue(deps)).toBe(2);
    const director = await t.login('director');
    const board = (await t.call(director, 'GET', '/api/board')).json();
    expect(board.totals).toMatchObject({ paused: 1 });
    expect(board.totals.red).toBeGreaterThanOrEqual(1);
    expect(board.totals.yellow).toBeGreaterThanOrEqual(1);
    expect(board.byWindow.map((w: { windowName: string }) => w.windowName)).toEqual(
      expect.arrayContaining(['民政救助窗口', '个体工商登记窗口', '社保医保窗口', '国土规划窗口']),
    );
    const clerk = await t.login('clerk');
    const bench = (await t.call(clerk, 'GET', '/api/workbench')).json();
    expect(bench.counts.open).toBeGreaterThanOrEqual(5);
    const kaohe = await t.login('kaohe');
    const candidates = (await t.call(kaohe, 'GET', '/api/violations')).json();
    expect(candidates.items.map((v: { kind: string }) => v.kind).sort()).toEqual([
      'completed_late',
      'open_overdue',
      'open_overdue',
    ]);
  });

  it('has three years of settled half-years and one town finding that forfeited May 2025', async () => {
    const deps = { db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: {} as never };
    expect(await seedDemoAssessment(deps)).toBe(6);
    const leader = await t.login('shenji');
    const h = (await t.call(leader, 'GET', '/api/settlements/2025/1')).json();
    expect(h.people.every((p: { status: string }) => p.status === 'approved')).toBe(true);
    const liu = h.people.find((p: { staffName: string }) => p.staffName === '刘洋');
    expect(liu).toMatchObject({ appliedFen: 30_000, payableFen: 150_000 });
    expect((await t.call(leader, 'GET', '/api/settlements/2025/2')).json().people[0].status).toBe(
      'approved',
    );
  });

  it('dates no leave request or decision after the moment it was stored', async () => {
    const rows = await t.db.kysely
      .selectFrom('leave_requests as l')
      .innerJoin('audit_log as a', (j) =>
        j
          .onRef('a.entity_id', '=', (eb) => eb.cast('l.id', 'text'))
          .on('a.entity_type', '=', 'leave_request'),
      )
      .select(['l.requested_at', 'l.decided_at', 'a.at'])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.requested_at.getTime()).toBeLessThanOrEqual(r.at.getTime());
      if (r.decided_at) expect(r.decided_at.getTime()).toBeLessThanOrEqual(r.at.getTime());
    }
  });

  it('has two public reports: one substantiated and answered (a finding against 徐丹), one awaiting the group', async () => {
    const deps = { db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: {} as never };
    expect(await seedDemoReports(deps)).toBe(2);
    const kaohe = await t.login('kaohe');
    const reports = (await t.call(kaohe, 'GET', '/api/reports')).json();
    expect(reports.items.map((r: { stage: string }) => r.stage)).toEqual(['received', 'replied']);
    const replied = reports.items[1];
    expect(replied).toMatchObject({ status: 'substantiated', staffName: '徐丹', item: 5 });
    expect(JSON.stringify(reports)).not.toContain('13857261934');
    const finding = (await t.call(kaohe, 'GET', `/api/findings/${replied.findingId}`)).json();
    expect(finding).toMatchObject({ source: 'public_report', level: 'public_report', item: 5 });
  });
});
