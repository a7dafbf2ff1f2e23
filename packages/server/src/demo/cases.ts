import { isWorkingDay, permissionsOf, shanghaiDateOf, weekdayOf, type Role } from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps, SessionUser } from '../http/context.ts';
import * as cases from '../modules/cases/service.ts';
import type { CommandInput } from '../modules/cases/service.ts';
import { loadTermContext } from '../modules/cases/term-context.ts';

const demoActor: Actor = { userId: null, name: '演示数据', ip: null, requestId: null };
const DAY_MS = 86_400_000;

/**
 * A few weeks of life at the demo center's windows, so the workbench, the board and the violation
 * list have something to show: cases of every kind, in every state, some late. Each step runs
 * through the same services as a clerk's request, at the time it would have happened.
 */
export async function seedDemoCases(deps: Deps): Promise<number> {
  const center = await deps.db
    .selectFrom('centers')
    .select(['id'])
    .where('code', '=', 'qingshi')
    .executeTakeFirstOrThrow();
  const clerk = await deps.db
    .selectFrom('users')
    .select(['id'])
    .where('username', '=', 'clerk')
    .executeTakeFirstOrThrow();
  const staff = new Map(
    (
      await deps.db
        .selectFrom('staff')
        .select(['id', 'staff_no', 'name'])
        .where('center_id', '=', center.id)
        .execute()
    ).map((s) => [s.staff_no, s]),
  );
  const items = new Map(
    (
      await deps.db
        .selectFrom('service_items')
        .select(['id', 'code', 'materials'])
        .where('center_id', '=', center.id)
        .execute()
    ).map((i) => [i.code, i]),
  );
  const ctx = await loadTermContext(deps.db, center.id);
  const realNow = deps.clock.now().getTime();

  /** The Nth working day before today (Asia/Shanghai), as a date. */
  function workingDaysAgo(n: number): string {
    let t = realNow;
    let left = n;
    for (;;) {
      t -= DAY_MS;
      const date = shanghaiDateOf(t);
      const worked = isWorkingDay(ctx.cal, date);
      const working = worked.ok ? worked.value : (weekdayOf(date) ?? 6) <= 5;
      if (working && --left === 0) return date;
    }
  }
  let now = new Date(realNow);
  const d: Deps = { ...deps, clock: { now: () => now } };
  const at = (daysAgo: number, hhmm: string) =>
    new Date(`${workingDaysAgo(daysAgo)}T${hhmm}:00+08:00`);
  /** A staff member at work: window staff, or (C003) the business section. */
  const as = (staffNo: string): SessionUser => {
    const s = staff.get(staffNo)!;
    const roles: Role[] = staffNo === 'C003' ? ['business_section'] : ['window_staff'];
    return {
      id: clerk.id,
      username: staffNo,
      displayName: s.name,
      centerId: center.id,
      staffId: s.id,
      roles,
      permissions: permissionsOf(roles),
      mustChangePassword: false,
      sessionId: 'demo',
    };
  };
  const people = [
    ['张桂兰', '11010519491231002X', '13812345678'],
    ['李长福', '330102195503120010', '13905716688'],
    ['王秀珍', '330102196208150027', '13757112233'],
    ['陈建平', '330102197011230036', '13605719090'],
    ['刘玉梅', '330102198104040041', '15888889999'],
  ] as const;
  let n = 0;

  async function visit(
    when: Date,
    staffNo: string,
    itemCode: string | null,
    then: Parameters<typeof cases.intake>[4]['then'],
    subject = '',
    channel: 'window' | 'letter' = 'window',
  ) {
    now = when;
    const [name, idNumber, phone] = people[n++ % people.length]!;
    return cases.intake(d, as(staffNo), demoActor, center.id, {
      itemId: itemCode ? items.get(itemCode)!.id : null,
      subject,
      channel,
      applicant: { type: 'person', name, idNumber, phone },
      note: '',
      then,
    });
  }
  async function step(when: Date, staffNo: string, c: { id: number }, input: CommandInput) {
    now = when;
    const current = await cases.detail(d, as(staffNo), c.id);
    return cases.act(d, as(staffNo), demoActor, c.id, current.version, input);
  }
  const promised = { action: 'accept', kind: 'promised', termDays: null, urgent: false } as const;
  const done = (result: string): CommandInput => ({ command: 'complete', result, fees: [] });

  // Still open, and late: the board shows it red, the sweep raises a candidate.
  await visit(at(12, '09:40'), 'W001', 'MZ-002', promised);
  // Running: one far from its deadline, one close to it (yellow), one paused, one awaiting papers.
  await visit(at(4, '10:15'), 'W001', 'MZ-003', promised);
  await visit(at(13, '14:20'), 'W001', 'MZ-001', promised);
  const paused = await visit(at(3, '09:05'), 'W001', 'MZ-001', promised);
  await step(at(2, '15:00'), 'W001', paused, {
    command: 'pause',
    reason: 'awaiting_applicant',
    note: '等待申请人补充家庭成员收入说明',
  });
  const mz3 = items.get('MZ-003')!.materials;
  await visit(at(1, '10:30'), 'W001', 'MZ-003', {
    action: 'supplement',
    materials: [mz3[2]!, mz3[3]!],
    // What exactly is wrong with a paper, told with the notice (缺少公章 and the like).
    remarks: { [mz3[3]!]: '须为申请人本人名下的账户' },
  });
  // Finished: an immediate case on time, a promised case on time, one late.
  const quick = await visit(at(6, '09:20'), 'W001', 'MZ-004', {
    action: 'accept',
    kind: 'immediate',
    termDays: null,
    urgent: false,
  });
  await step(at(6, '09:38'), 'W001', quick, done('高龄津贴已核发，次月起按月发放'));
  const onTime = await visit(at(8, '11:00'), 'W001', 'MZ-002', promised);
  await step(at(4, '16:00'), 'W001', onTime, done('临时救助金 1500 元已批准发放'));
  const late = await visit(at(10, '15:30'), 'W001', 'MZ-002', promised);
  await step(at(1, '11:00'), 'W001', late, done('临时救助金 800 元已批准发放'));
  // First-inquiry hand-overs: escorted to another window, by phone, and a joint case.
  const shop = await visit(at(5, '10:00'), 'W001', 'SC-001', undefined);
  await step(at(5, '10:05'), 'W001', shop, {
    command: 'handOver',
    toStaffId: staff.get('W006')!.id,
    toBusinessSection: false,
    method: 'escorted',
    note: '引导至 06 号个体工商登记窗口',
  });
  await step(at(5, '10:20'), 'W006', shop, {
    command: 'accept',
    kind: 'promised',
    termDays: null,
    urgent: false,
  });
  const jobless = await visit(at(2, '09:30'), 'W001', 'SB-002', undefined);
  await step(at(2, '09:33'), 'W001', jobless, {
    command: 'handOver',
    toStaffId: staff.get('W002')!.id,
    toBusinessSection: false,
    method: 'phone',
    note: '电话联系社保窗口陈刚，申请人前往办理',
  });
  await step(at(2, '09:50'), 'W002', jobless, {
    command: 'accept',
    kind: 'promised',
    termDays: null,
    urgent: false,
  });
  // A joint case: the business section (郑浩) coordinates and hands it to the lead window, which
  // accepts it as urgent — the catalog's 10 working days shortened to the urgent term.
  const restaurant = await visit(at(3, '14:00'), 'W001', 'SC-002', undefined);
  await step(at(3, '14:10'), 'W001', restaurant, {
    command: 'handOver',
    toStaffId: null,
    toBusinessSection: true,
    method: 'phone',
    note: '餐饮开办一件事，需市场监管、卫健联办',
  });
  await step(at(3, '15:00'), 'C003', restaurant, {
    command: 'handOver',
    toStaffId: staff.get('W006')!.id,
    toBusinessSection: false,
    method: 'phone',
    note: '业务科协调：市场监管窗口牵头，卫健窗口配合',
  });
  await step(at(3, '15:30'), 'W006', restaurant, {
    command: 'accept',
    kind: 'promised',
    termDays: null,
    urgent: true,
  });
  // A reported case with the higher authority, a petition, an inquiry and a returned case.
  const house = await visit(at(15, '10:00'), 'W001', 'ZR-001', undefined);
  await step(at(15, '10:10'), 'W001', house, {
    command: 'handOver',
    toStaffId: staff.get('W005')!.id,
    toBusinessSection: false,
    method: 'escorted',
    note: '引导至国土规划窗口',
  });
  await step(at(15, '10:40'), 'W005', house, {
    command: 'accept',
    kind: 'reported',
    termDays: null,
    urgent: false,
  });
  await step(at(11, '09:00'), 'W005', house, {
    command: 'submit',
    authority: '县自然资源和规划局',
    dueDate: shanghaiDateOf(realNow + 10 * DAY_MS),
  });
  await visit(at(9, '16:00'), 'W001', 'MZ-005', {
    action: 'accept',
    kind: 'petition',
    termDays: null,
    urgent: false,
  });
  // A petition letter still to be decided (受理与否, within 15 days of receipt): on the board.
  await visit(at(6, '11:00'), 'W001', 'MZ-005', undefined, '', 'letter');
  await visit(
    at(1, '14:00'),
    'W001',
    null,
    {
      action: 'answer',
      answer:
        '城乡居民医保每年 9 月至 12 月集中缴费，可在“浙里办”或银行缴纳，也可到 02 号窗口办理。',
    },
    '城乡居民医保缴费时间',
  );
  await visit(at(1, '15:10'), 'W001', 'MZ-001', {
    action: 'return',
    reasons: '申请人户籍不在本镇，依规定应向户籍所在地乡镇申请。',
  });
  return n;
}
