import { isWorkingDay, type Rating } from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import { addDays } from '../modules/attendance/days.ts';
import * as cases from '../modules/cases/service.ts';
import { loadTermContext } from '../modules/cases/term-context.ts';
import { decide } from '../modules/evaluations/service.ts';
import { demoCenterId, demoUser } from './actors.ts';
import { demoTimeline, ratingsDecidedAt } from './timeline.ts';

const demoActor: Actor = { userId: null, name: '演示数据', ip: null, requestId: null };

/**
 * The demo center's year-end evaluation of the rated year (demo/timeline.ts), decided by the group
 * leader on 26 December for every window person but 李娜 (W001), whose rating the group has not
 * decided yet — so that the console shows both a decided and an open evaluation. 黄秀英 had a
 * spotless year and the group chose her as 优秀; 刘洋's one town finding (May) does not lower the
 * proposal, and he is rated 称职. 李娜's rating waits on an overdue case of that December the
 * group has not decided yet (a candidate of the year still open: deciding her rating now asks for a
 * confirmation). Returns how many ratings were decided.
 */
export async function seedDemoEvaluation(deps: Deps): Promise<number> {
  const year = demoTimeline(deps.clock.now()).ratedYear;
  if (year === null) return 0;
  const center = { id: await demoCenterId(deps.db) };
  await seedLateCase(deps, center.id, year);
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

/**
 * A 临时救助 case 李娜 accepted on the first working day of December of `year` (promised in 5
 * working days) and completed a week late: completing it raises a candidate the group has not
 * decided yet.
 */
async function seedLateCase(deps: Deps, centerId: number, year: number) {
  const { cal } = await loadTermContext(deps.db, centerId);
  const workingDayFrom = (date: string) => {
    let day = date;
    for (let w = isWorkingDay(cal, day); w.ok && !w.value; w = isWorkingDay(cal, day))
      day = addDays(day, 1);
    return day;
  };
  const clerk = await demoUser(deps.db, 'clerk');
  const item = await deps.db
    .selectFrom('service_items')
    .select('id')
    .where('center_id', '=', centerId)
    .where('code', '=', 'MZ-002')
    .executeTakeFirstOrThrow();
  let now = new Date(`${workingDayFrom(`${year}-12-01`)}T10:00:00+08:00`);
  const d: Deps = { ...deps, clock: { now: () => now } };
  const accepted = await cases.intake(d, clerk, demoActor, centerId, {
    itemId: item.id,
    subject: '',
    channel: 'window',
    applicant: { type: 'person', name: '赵桂芳', idNumber: null, phone: null },
    note: '',
    then: { action: 'accept', kind: 'promised', termDays: null, urgent: false },
  });
  now = new Date(`${workingDayFrom(`${year}-12-14`)}T10:00:00+08:00`);
  const current = await cases.detail(d, clerk, accepted.id);
  await cases.act(d, clerk, demoActor, accepted.id, current.version, {
    command: 'complete',
    result: '临时救助金 600 元已批准发放',
    fees: [],
  });
}
