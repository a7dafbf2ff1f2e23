import { handlersOf, shanghaiDateOf, type SatisfactionLevel } from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import * as ratings from '../modules/ratings/service.ts';
import { demoCenterId, demoUser } from './actors.ts';

const HOUR = 3_600_000;

/** What the demo's applicants said, newest case first; the second is the 差评. */
const SAID: {
  input: { level: SatisfactionLevel; reasons: string[]; text: string };
  window: boolean;
}[] = [
  {
    input: { level: 'very_satisfied', reasons: ['服务态度好', '一次办成'], text: '' },
    window: false,
  },
  {
    input: {
      level: 'dissatisfied',
      reasons: ['未一次性告知', '多次跑腿'],
      text: '第一次来没说要户口本，又跑了一趟',
    },
    window: false,
  },
  { input: { level: 'satisfied', reasons: ['办事效率高'], text: '' }, window: true },
  {
    input: { level: 'very_satisfied', reasons: ['指引清楚'], text: '窗口同志很耐心' },
    window: false,
  },
  { input: { level: 'basically_satisfied', reasons: ['等候时间较长'], text: '' }, window: true },
];

/**
 * Ratings on the demo's completed cases and answered inquiries, through the real service, each two hours after its
 * completion: mostly good, some entered at the window by 王芳 from paper cards (never for a case she
 * handled), and one 差评 whose follow-up is under way — assigned by the director to 郑浩 and called
 * back, its rectification and reply still to come. Only cases completed before today are rated, within
 * the rating window, whatever the day the demo is created.
 */
export async function seedDemoRatings(deps: Deps): Promise<number> {
  const centerId = await demoCenterId(deps.db);
  const now = deps.clock.now().getTime();
  // Cases completed before today (Beijing), so the ratings and the call-back lie in the past.
  const today = new Date(`${shanghaiDateOf(now)}T00:00:00+08:00`);
  const done = await deps.db
    .selectFrom('cases')
    .select(['id', 'closed_at', 'first_responder_staff_id', 'holder_staff_id', 'handovers'])
    .where('center_id', '=', centerId)
    .where('status', 'in', ['completed', 'answered'])
    .where('closed_at', '>', new Date(now - 25 * 24 * HOUR))
    .where('closed_at', '<', today)
    .orderBy('closed_at', 'desc')
    .limit(SAID.length)
    .execute();
  const duty = await demoUser(deps.db, 'duty');
  const director = await demoUser(deps.db, 'director');
  const yewu = await demoUser(deps.db, 'yewu');
  const dutyActor: Actor = { userId: duty.id, name: '王芳（duty）', ip: null, requestId: null };
  const directorActor: Actor = {
    userId: director.id,
    name: '周敏（director）',
    ip: null,
    requestId: null,
  };
  const yewuActor: Actor = { userId: yewu.id, name: '郑浩（yewu）', ip: null, requestId: null };
  const at = (ms: number): Deps => ({ ...deps, clock: { now: () => new Date(Math.min(ms, now)) } });
  let given = 0;
  for (const [i, c] of done.entries()) {
    const { input, window } = SAID[i]!;
    const ratedAt = c.closed_at!.getTime() + 2 * HOUR;
    const handled = handlersOf({
      firstResponderStaffId: c.first_responder_staff_id,
      holderStaffId: c.holder_staff_id,
      handovers: c.handovers,
    }).includes(duty.staffId ?? -1);
    if (window && !handled)
      await ratings.record(at(ratedAt), dutyActor, c.id, input, 'window', duty);
    else
      await ratings.record(
        at(ratedAt),
        ratings.applicant({ ip: '', id: '' }, '网上评价'),
        c.id,
        input,
        'portal',
        null,
      );
    given += 1;
    if (input.level !== 'dissatisfied') continue;
    const r = await ratings.ofCase(deps, director, c.id);
    await ratings.assign(at(ratedAt + HOUR), director, directorActor, r!.id, {
      version: r!.followUp!.version,
      staffId: yewu.staffId!,
    });
    const assigned = await ratings.ofCase(deps, director, c.id);
    await ratings.contact(at(ratedAt + 18 * HOUR), yewu, yewuActor, r!.id, {
      version: assigned!.followUp!.version,
      note: '已电话联系申请人，说明户口本为必备材料，为未一次性告知致歉；申请人表示理解',
    });
  }
  return given;
}
