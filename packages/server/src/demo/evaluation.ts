import type { Rating } from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import { decide } from '../modules/evaluations/service.ts';
import { demoCenterId, demoUser } from './actors.ts';
import { demoTimeline, ratingsDecidedAt } from './timeline.ts';

const demoActor: Actor = { userId: null, name: '演示数据', ip: null, requestId: null };

/**
 * The demo center's year-end evaluation of the rated year (demo/timeline.ts), decided by the group
 * leader on 26 December for every window person but 李娜 (W001), whose rating the group has not
 * decided yet — so that the console shows both a decided and an open evaluation. 黄秀英 had a
 * spotless year and the group chose her as 优秀; 刘洋's one town finding (May) does not lower the
 * proposal, and he is rated 称职. Returns how many ratings were decided.
 */
export async function seedDemoEvaluation(deps: Deps): Promise<number> {
  const year = demoTimeline(deps.clock.now()).ratedYear;
  if (year === null) return 0;
  const center = { id: await demoCenterId(deps.db) };
  const leader = await demoUser(deps.db, 'shenji');
  const staff = await deps.db
    .selectFrom('staff')
    .select(['id', 'staff_no'])
    .where('center_id', '=', center.id)
    .where('window_id', 'is not', null)
    .where('staff_no', '<>', 'W001')
    .orderBy('staff_no')
    .execute();
  const d: Deps = { ...deps, clock: { now: () => ratingsDecidedAt(year) } };
  const chosen: Record<string, { rating: Rating; reason: string }> = {
    W004: {
      rating: '优秀',
      reason: '全年无问题、无超期办件，群众反映好，经考核小组集体研究评为优秀。',
    },
  };
  for (const s of staff) {
    const { rating, reason } = chosen[s.staff_no] ?? {
      rating: '称职',
      reason: '全年能履行岗位职责，遵守中心各项制度，经考核小组集体研究评为称职。',
    };
    await decide(d, leader, demoActor, center.id, year, s.id, { rating, reason });
  }
  return staff.length;
}
