import { isWorkingDay } from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import { recordInspection } from '../modules/assessment/service.ts';
import { addDays } from '../modules/attendance/days.ts';
import { loadTermContext } from '../modules/cases/term-context.ts';
import { approve } from '../modules/settlements/service.ts';
import { demoCenterId, demoUser } from './actors.ts';
import { demoTimeline } from './timeline.ts';

const demoActor: Actor = { userId: null, name: '演示数据', ip: null, requestId: null };

/**
 * The demo center's assessment history (demo/timeline.ts): a town inspection in May of the rated
 * year that found one thing, and every half-year that is over settled and frozen by the group
 * leader, as the center would have done, but the latest, which awaits approval. Returns how many
 * half-years were settled.
 */
export async function seedDemoAssessment(deps: Deps): Promise<number> {
  const center = { id: await demoCenterId(deps.db) };
  const user = (username: string) => demoUser(deps.db, username);
  const timeline = demoTimeline(deps.clock.now());
  let now = deps.clock.now();
  const d: Deps = { ...deps, clock: { now: () => now } };
  if (timeline.ratedYear !== null) {
    const staff = await deps.db
      .selectFrom('staff')
      .select('id')
      .where('center_id', '=', center.id)
      .where('staff_no', '=', 'W003')
      .executeTakeFirstOrThrow();
    const { cal } = await loadTermContext(deps.db, center.id);
    let day = `${timeline.ratedYear}-05-12`;
    for (let w = isWorkingDay(cal, day); w.ok && !w.value; w = isWorkingDay(cal, day))
      day = addDays(day, 1);
    now = new Date(`${day}T17:00:00+08:00`);
    await recordInspection(d, await user('kaohe'), demoActor, center.id, {
      level: 'town',
      inspectedOn: day,
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
  }
  const leader = await user('shenji');
  for (const { halfYear, at } of timeline.approved) {
    now = at;
    await approve(d, leader, demoActor, center.id, halfYear);
  }
  return timeline.approved.length;
}
