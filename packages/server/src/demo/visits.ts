import { dayKind, shanghaiDateOf, visitDates } from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import { loadTermContext } from '../modules/cases/term-context.ts';
import * as callouts from '../modules/callouts/service.ts';
import * as visits from '../modules/visits/service.ts';
import { demoCenterId, demoUser } from './actors.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Home visits and holiday call-outs in the demo center, dated back from the clock through the real
 * services (each step with a clock of its own), so that they read the same on any day:
 * - 上门服务: one visited last week (an elderly woman, her 高龄津贴 taken at home), one scheduled for
 *   the coming days, one just phoned in (an investment enterprise's site survey, urgent), one
 *   cancelled. A step whose days the calendar lacks is left out (the rules refuse, never guess).
 * - 节假日召回: on the most recent weekend or holiday before today (of a year the calendar has), two window staff notified at
 *   09:00 for an enterprise's urgent matter: 徐丹 arrived at 09:40, 杨帆 never came (the assessment
 *   group sees it as unanswered).
 */
export async function seedDemoVisits(deps: Deps): Promise<{ visits: number; callouts: number }> {
  const centerId = await demoCenterId(deps.db);
  const clerk = await demoUser(deps.db, 'clerk');
  const duty = await demoUser(deps.db, 'duty');
  const actorOf = (u: typeof clerk, login: string): Actor => ({
    userId: u.id,
    name: `${u.displayName}（${login}）`,
    ip: null,
    requestId: null,
  });
  const clerkActor = actorOf(clerk, 'clerk');
  const staff = new Map(
    (
      await deps.db
        .selectFrom('staff')
        .select(['id', 'staff_no'])
        .where('center_id', '=', centerId)
        .execute()
    ).map((s) => [s.staff_no, s.id]),
  );
  const { cal } = await loadTermContext(deps.db, centerId);
  const today = Date.parse(`${shanghaiDateOf(deps.clock.now().getTime())}T00:00:00+08:00`);
  const at = (days: number, hours: number) => new Date(today - days * DAY + hours * HOUR);
  let now = deps.clock.now();
  const d: Deps = { ...deps, clock: { now: () => now } };
  let made = 0;

  /** A request at `when` (the first preferred dates offered then), or null without a calendar. */
  const ask = async (
    when: Date,
    v: Omit<Parameters<typeof visits.create>[4], 'preferredDates'>,
  ) => {
    const offered = visitDates(cal, when.getTime()).dates;
    if (offered.length < 2) return null;
    now = when;
    made += 1;
    return visits.create(d, clerk, clerkActor, centerId, {
      ...v,
      preferredDates: offered.slice(0, 2),
    });
  };

  // Visited: asked for eight days ago, done on the first day asked for (if that day is over).
  const done = await ask(at(8, 10), {
    category: 'elderly',
    name: '张桂兰',
    phone: '13905716601',
    address: '青石镇东街 12 号',
    itemId: null,
    itemText: '高龄津贴申领',
    reason: '老人 86 岁，腿脚不便，不能到中心办理，请工作人员上门采集信息',
    channel: 'phone',
  });
  if (
    done &&
    Date.parse(`${done.preferredDates[0]!}T15:00:00+08:00`) < deps.clock.now().getTime()
  ) {
    now = at(8, 11);
    const s = await visits.schedule(
      d,
      clerk,
      clerkActor,
      done.id,
      { version: done.version, date: done.preferredDates[0]!, staffIds: [staff.get('W001')!] },
      'schedule',
    );
    now = new Date(`${done.preferredDates[0]!}T15:00:00+08:00`);
    await visits.record(d, clerk, clerkActor, done.id, {
      version: s.version,
      arrivedAt: new Date(`${done.preferredDates[0]!}T14:30:00+08:00`).toISOString(),
      visitorIds: [staff.get('W001')!],
      outcome: '已上门核实身份、采集照片，高龄津贴申请材料齐全，带回中心受理',
      receiptNo: '',
    });
  }

  // Scheduled: asked for yesterday, set for the second day asked for.
  const coming = await ask(at(1, 16), {
    category: 'disabled',
    name: '李国强',
    phone: '13905716602',
    address: '青石镇西村 5 组 18 号',
    itemId: null,
    itemText: '残疾人两项补贴',
    reason: '一级肢体残疾，申请两项补贴年审，本人无法到场',
    channel: 'phone',
  });
  if (coming) {
    now = at(1, 17);
    await visits.schedule(
      d,
      clerk,
      clerkActor,
      coming.id,
      {
        version: coming.version,
        date: coming.preferredDates[1]!,
        staffIds: [staff.get('W001')!, staff.get('W007')!],
      },
      'schedule',
    );
  }

  // Requested: phoned in this morning by an investment enterprise (urgent), not scheduled yet.
  await ask(at(0, 8.5), {
    category: 'investment',
    name: '青石新材料有限公司（刘经理）',
    phone: '13905716603',
    address: '青石镇工业园区 8 号',
    itemId: null,
    itemText: '项目用地现场踏勘',
    reason: '招商引资项目落地，需中心协调国土、市场监管到现场踏勘',
    channel: 'phone',
  });

  // Cancelled: the family came to the center themselves.
  const gone = await ask(at(3, 9), {
    category: 'sick',
    name: '王秀英',
    phone: '13905716604',
    address: '青石镇南街 3 号',
    itemId: null,
    itemText: '',
    reason: '术后卧床，需办理医保异地备案',
    channel: 'letter',
  });
  if (gone) {
    now = at(2, 10);
    await visits.cancel(d, clerk, clerkActor, gone.id, {
      version: gone.version,
      reason: '家属已到中心代为办理',
    });
  }

  // The call-out on the most recent closed day before today.
  let calloutsMade = 0;
  for (let back = 1; back <= 14; back++) {
    const date = shanghaiDateOf(today - back * DAY);
    const kind = dayKind(cal, date);
    // A day of a year without a calendar is not taken for closed (nor open): look further back.
    if (!kind.ok) continue;
    if (kind.value !== 'weekend' && kind.value !== 'holiday') continue;
    const nine = new Date(`${date}T09:00:00+08:00`);
    now = new Date(`${date}T18:00:00+08:00`);
    const dutyActor = actorOf(duty, 'duty');
    await callouts.create(d, duty, dutyActor, centerId, {
      date,
      matter: '招商引资企业急需办理营业执照变更（急事急办）',
      staffIds: [staff.get('W006')!],
      notifiedAt: nine.toISOString(),
      arrivedAt: new Date(nine.getTime() + 40 * 60_000).toISOString(),
      note: '',
    });
    await callouts.create(d, duty, dutyActor, centerId, {
      date,
      matter: '企业用地踏勘资料需国土专干到场核对',
      staffIds: [staff.get('W005')!],
      notifiedAt: new Date(nine.getTime() + 5 * 60_000).toISOString(),
      arrivedAt: null,
      note: '电话两次未接，已发短信',
    });
    calloutsMade = 2;
    break;
  }
  return { visits: made, callouts: calloutsMade };
}
