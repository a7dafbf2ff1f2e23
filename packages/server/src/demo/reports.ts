import { shanghaiDateOf } from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import * as reports from '../modules/reports/service.ts';
import { demoCenterId, demoUser } from './actors.ts';

const demoActor: Actor = { userId: null, name: '演示数据', ip: null, requestId: null };
const DAY = 86_400_000;

/**
 * Two public reports in the demo center, dated back from now: one phoned in to the hotline at night,
 * taken by the duty officer, substantiated by the group (a finding against 徐丹 that forfeits that
 * month) and answered to the reporter; and one that came in online yesterday, awaiting the group.
 * Run after the settled half-years (demo/assessment.ts), like a center would have lived it.
 */
export async function seedDemoReports(deps: Deps): Promise<number> {
  const center = { id: await demoCenterId(deps.db) };
  const user = (username: string) => demoUser(deps.db, username);
  const xuDan = await deps.db
    .selectFrom('staff')
    .select('id')
    .where('center_id', '=', center.id)
    .where('staff_no', '=', 'W006')
    .executeTakeFirstOrThrow();
  const duty = await user('duty');
  const kaohe = await user('kaohe');
  // Midnight in Shanghai, `days` days ago, plus `hours`.
  const today = Date.parse(`${shanghaiDateOf(deps.clock.now().getTime())}T00:00:00+08:00`);
  const at = (days: number, hours: number) => new Date(today - days * DAY + hours * 3_600_000);
  let now = at(9, 21.5);
  const d: Deps = { ...deps, clock: { now: () => now } };

  const first = await reports.register(d, duty, demoActor, center.id, {
    channel: 'hotline',
    reporterName: '周立新',
    reporterContact: '13857261934',
    details:
      '来电反映：前一天上午到个体工商登记窗口办理营业执照变更，工作人员态度生硬，称“不归我管”让其去别处，没有告知该找哪个窗口，来回跑了三趟。',
    staffId: xuDan.id,
    occurredOn: shanghaiDateOf(at(10, 10).getTime()),
    item: null,
  });
  now = at(6, 10);
  const decided = await reports.decide(d, kaohe, demoActor, first.id, {
    version: first.version,
    outcome: 'substantiated',
    reason: '调取窗口监控并询问当事人，推诿群众、未履行首问负责属实',
    item: 5,
    serious: false,
  });
  now = at(5, 15);
  await reports.reply(d, duty, demoActor, decided.id, {
    replyMethod: 'phone',
    replyContent:
      '经中心考核小组核查，您反映的问题属实，已按绩效考核制度扣除该工作人员当月考核金额，并责令其改正。感谢您的监督。',
  });

  now = at(1, 20);
  await reports.register(d, duty, demoActor, center.id, {
    channel: 'online',
    reporterName: '刘女士',
    reporterContact: 'liu.ms@example.com',
    details: '网上举报：下午三点左右看到一个窗口的工作人员长时间低头玩手机，群众排队等候无人理会。',
    staffId: null,
    occurredOn: shanghaiDateOf(at(1, 15).getTime()),
    item: 3,
  });
  return 2;
}
