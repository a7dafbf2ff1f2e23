import { halfYearsBetween } from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import { recordInspection } from '../modules/assessment/service.ts';
import { approve } from '../modules/settlements/service.ts';
import { demoCenterId, demoUser } from './actors.ts';

const demoActor: Actor = { userId: null, name: '演示数据', ip: null, requestId: null };

/**
 * The demo center's assessment history: a town inspection in 2025 that found one thing, and every
 * half-year from 2023 to 2025 settled and frozen by the group leader, as the center would have done.
 */
export async function seedDemoAssessment(deps: Deps): Promise<number> {
  const center = { id: await demoCenterId(deps.db) };
  const user = (username: string) => demoUser(deps.db, username);
  const staff = await deps.db
    .selectFrom('staff')
    .select('id')
    .where('center_id', '=', center.id)
    .where('staff_no', '=', 'W003')
    .executeTakeFirstOrThrow();
  let now = new Date('2025-05-12T08:00:00Z');
  const d: Deps = { ...deps, clock: { now: () => now } };
  await recordInspection(d, await user('kaohe'), demoActor, center.id, {
    level: 'town',
    inspectedOn: '2025-05-12',
    inspectors: '镇考核小组（孙丽华、钱志强）',
    note: '日常巡查',
    findings: [
      {
        staffId: staff.id,
        item: 2,
        description: '窗口办公资料堆放杂乱，未按要求摆放整齐',
        circulated: false,
        serious: false,
      },
    ],
  });
  const leader = await user('shenji');
  const halves = halfYearsBetween({ year: 2023, half: 1 }, { year: 2025, half: 2 });
  for (const h of halves) {
    now = new Date(Date.UTC(h.half === 1 ? h.year : h.year + 1, h.half === 1 ? 6 : 0, 10, 2));
    await approve(d, leader, demoActor, center.id, h);
  }
  return halves.length;
}
