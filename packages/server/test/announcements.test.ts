import type { Announcement, Board, PortalAnnouncements } from '@bianmin/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

describe.each(DATABASES)('completion announcements on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let director: string;
  let items: Map<string, number>;
  beforeAll(async () => {
    // Friday 6 March 2026, 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-06T01:00:00Z') });
    clerk = await t.login('clerk');
    director = await t.login('director');
    const list = (await t.call(clerk, 'GET', '/api/service-items')).json<
      { id: number; code: string }[]
    >();
    items = new Map(list.map((i) => [i.code, i.id]));
  });
  afterAll(() => t.close());

  const at = async (iso: string) => {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
    clerk = await t.login('clerk');
    director = await t.login('director');
  };
  /** A case of the item taken and completed at the window, now. */
  async function completed(code: string, name: string, result: string, kind = 'promised') {
    const res = await t.call(clerk, 'POST', '/api/cases', {
      itemId: items.get(code),
      channel: 'window',
      applicant: { type: 'person', name },
      then: { action: 'accept', kind },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<{ id: number; version: number }>();
    const done = await t.call(clerk, 'POST', `/api/cases/${c.id}/complete`, {
      version: c.version,
      result,
    });
    expect(done.statusCode, done.body).toBe(200);
    return c.id;
  }
  const list = async (status?: string) =>
    (await t.call(director, 'GET', `/api/announcements${status ? `?status=${status}` : ''}`)).json<{
      items: Announcement[];
    }>().items;
  const publicBoard = async () =>
    (
      await t.app.inject({ method: 'GET', url: '/api/public/centers/qingshi/announcements' })
    ).json<PortalAnnouncements>();

  it('queues an announcement when a case of a flagged item completes, due the next working day', async () => {
    const caseId = await completed('MZ-002', '王秀英', '临时救助金 1500 元已批准发放\n附：审批表');
    // An item the catalog does not flag gets none.
    await completed('MZ-004', '李大爷', '高龄津贴已核发', 'immediate');
    const [a, ...rest] = await list();
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      caseId,
      itemName: '临时救助申请',
      applicantShown: '王**',
      resultLine: '临时救助金 1500 元已批准发放',
      status: 'pending',
      // Friday: due at closing time on Monday 9 March.
      dueAt: '2026-03-09T09:30:00.000Z',
      late: false,
    });
    expect((await publicBoard()).items).toEqual([]);
  });

  it('lets the director publish it for 7 days; a clerk may not, and it is published once', async () => {
    const [a] = await list('pending');
    const byClerk = await t.call(clerk, 'POST', `/api/announcements/${a!.id}/publish`, {
      version: a!.version,
    });
    expect(byClerk.statusCode).toBe(403);
    const res = await t.call(director, 'POST', `/api/announcements/${a!.id}/publish`, {
      version: a!.version,
      resultLine: '临时救助金已批准发放',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Announcement>()).toMatchObject({
      status: 'published',
      publishedByName: '周敏',
      until: '2026-03-13T01:00:00.000Z',
      late: false,
    });
    const again = await t.call(director, 'POST', `/api/announcements/${a!.id}/publish`, {
      version: res.json<Announcement>().version,
    });
    expect(again.json().error.code).toBe('ANNOUNCEMENT_NOT_PENDING');
    const board = await publicBoard();
    expect(board.items).toEqual([
      {
        receiptNo: expect.any(String),
        itemName: '临时救助申请',
        applicantShown: '王**',
        completedOn: '2026-03-06',
        resultLine: '临时救助金已批准发放',
        publishedOn: '2026-03-06',
        until: '2026-03-13',
      },
    ]);
    expect(JSON.stringify(board)).not.toContain('王秀英');
  });

  it('withholds one only with a reason, and shows it nowhere public', async () => {
    await completed('MZ-002', '赵六', '临时救助金 600 元已批准发放');
    const [a] = await list('pending');
    const bare = await t.call(director, 'POST', `/api/announcements/${a!.id}/withhold`, {
      version: a!.version,
      reason: ' ',
    });
    expect(bare.statusCode).toBe(400);
    const res = await t.call(director, 'POST', `/api/announcements/${a!.id}/withhold`, {
      version: a!.version,
      reason: '涉及未成年人隐私',
    });
    expect(res.json<Announcement>()).toMatchObject({
      status: 'withheld',
      withheldReason: '涉及未成年人隐私',
    });
    expect((await publicBoard()).items.map((i) => i.applicantShown)).toEqual(['王**']);
  });

  it('counts one published after its time as late on the director’s board', async () => {
    await completed('MZ-002', '孙七', '临时救助金 900 元已批准发放');
    // Tuesday 10 March: Monday's closing time has passed.
    await at('2026-03-10T10:00:00+08:00');
    const board = async () => (await t.call(director, 'GET', '/api/board')).json<Board>();
    const [a] = await list('pending');
    expect(a!.late).toBe(true);
    expect((await board()).announcementsLate.map((x) => x.publishedAt)).toEqual([null]);
    await t.call(director, 'POST', `/api/announcements/${a!.id}/publish`, { version: a!.version });
    const late = (await board()).announcementsLate;
    expect(late).toHaveLength(1);
    expect(late[0]!.publishedAt).toBe('2026-03-10T02:00:00.000Z');
  });

  it('takes an announcement off the public board when its period ends', async () => {
    await at('2026-03-13T09:01:00+08:00');
    expect((await publicBoard()).items.map((i) => i.applicantShown)).toEqual(['孙*']);
  });

  it('lets only the center admin change the period', async () => {
    const admin = await t.login('admin');
    const s = (await t.call(admin, 'GET', '/api/announcement-settings')).json<{
      version: number;
    }>();
    const body = { publishDays: 10, version: s.version };
    expect((await t.call(director, 'PUT', '/api/announcement-settings', body)).statusCode).toBe(
      403,
    );
    const saved = await t.call(admin, 'PUT', '/api/announcement-settings', body);
    expect(saved.json()).toMatchObject({ publishDays: 10 });
  });
});
