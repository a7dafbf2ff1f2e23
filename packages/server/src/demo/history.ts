import {
  isWorkingDay,
  monthOfInstant,
  monthsEnding,
  permissionsOf,
  shanghaiDateOf,
  shanghaiMonthBounds,
  weekdayOf,
  type Role,
} from '@bianmin/domain';
import type { Actor } from '../audit/write.ts';
import type { Deps, SessionUser } from '../http/context.ts';
import { addDays } from '../modules/attendance/days.ts';
import * as cases from '../modules/cases/service.ts';
import { loadTermContext } from '../modules/cases/term-context.ts';
import * as violations from '../modules/violations/service.ts';
import { demoCenterId, demoUser } from './actors.ts';

const demoActor: Actor = { userId: null, name: '演示数据', ip: null, requestId: null };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One visit of a past month: who, which item, how it came, and how long it took. */
interface Visit {
  staffNo: string;
  item: string | null;
  /** The working day of the month it came on (1 = the first). */
  day: number;
  at: string;
  channel?: 'window' | 'phone' | 'letter' | 'online';
  then:
    | { kind: 'immediate'; minutes: number }
    | { kind: 'promised'; workingDays: number }
    | { kind: 'answer' }
    | { kind: 'return' };
}

/**
 * A month's visits (办件统计 has a year to show): immediate cases at 民政, 社保 and 卫健, promised
 * ones at 社保, 农业, 市场监管 and 户籍, an inquiry, a returned case; by window, phone, letter and
 * online. `i` is how many months back: a few months have a late case (each person at most two in
 * the year, none for 李娜 or 黄秀英, whose year-end ratings the demo shows), so the on-time rate moves.
 */
function visitsOf(i: number): Visit[] {
  const v: Visit[] = [
    {
      staffNo: 'W001',
      item: 'MZ-004',
      day: 1,
      at: '09:20',
      then: { kind: 'immediate', minutes: 18 },
    },
    {
      staffNo: 'W002',
      item: 'SB-001',
      day: 2,
      at: '10:05',
      channel: 'phone',
      then: { kind: 'immediate', minutes: 15 },
    },
    {
      staffNo: 'W002',
      item: 'SB-002',
      day: 3,
      at: '09:40',
      // 3 working days: late (5) twice in the year.
      then: { kind: 'promised', workingDays: i === 2 || i === 7 ? 5 : 2 },
    },
    {
      staffNo: 'W004',
      item: 'NY-001',
      day: 4,
      at: '10:30',
      then: { kind: 'promised', workingDays: 2 + (i % 3) },
    },
    {
      staffNo: 'W006',
      item: 'SC-001',
      day: 5,
      at: '15:00',
      channel: i % 2 === 0 ? 'online' : 'window',
      then: { kind: 'promised', workingDays: i === 4 || i === 9 ? 6 : 1 + (i % 3) },
    },
    {
      staffNo: 'W007',
      item: 'WJ-001',
      day: 7,
      at: '11:15',
      // 30 minutes: over it twice in the year.
      then: { kind: 'immediate', minutes: i === 3 || i === 10 ? 45 : 20 },
    },
    {
      staffNo: 'W009',
      item: 'HJ-001',
      day: 2,
      at: '08:50',
      channel: i % 4 === 1 ? 'letter' : 'window',
      then: { kind: 'promised', workingDays: 5 + (i % 5) * 2 },
    },
    { staffNo: 'W001', item: null, day: 8, at: '16:00', then: { kind: 'answer' } },
  ];
  if (i % 2 === 1)
    v.push({ staffNo: 'W001', item: 'MZ-001', day: 9, at: '09:30', then: { kind: 'return' } });
  if (i % 3 === 0)
    v.push({
      staffNo: 'W009',
      item: 'HJ-001',
      day: 10,
      at: '14:30',
      channel: 'phone',
      then: { kind: 'promised', workingDays: 8 },
    });
  return v;
}

const NAMES = ['赵秀兰', '钱国华', '孙美玲', '李建军', '周玉珍', '吴志刚', '郑丽娟', '王德福'];

/**
 * Closed cases of the twelve months before this one and of this one so far, through the real
 * services at the time each step would have happened: what 办件统计 shows as the 12-month trend
 * and as any month's figures (docs/statistics.md), whatever the day the demo is created. Late ones
 * raise violation candidates, which the assessment group dismissed (the demo's open ones stay the
 * recent few). No ratings: the demo's ratings are those of its recent weeks (ratings.ts). Nothing
 * is dated after the clock. Returns the cases made.
 */
export async function seedDemoHistory(deps: Deps): Promise<number> {
  const centerId = await demoCenterId(deps.db);
  const realNow = deps.clock.now().getTime();
  const { cal } = await loadTermContext(deps.db, centerId);
  const clerk = await demoUser(deps.db, 'clerk');
  const kaohe = await demoUser(deps.db, 'kaohe');
  const kaoheActor: Actor = {
    userId: kaohe.id,
    name: '孙丽华（kaohe）',
    ip: null,
    requestId: null,
  };
  const [staff, items] = await Promise.all([
    deps.db
      .selectFrom('staff')
      .select(['id', 'staff_no', 'name'])
      .where('center_id', '=', centerId)
      .execute(),
    deps.db
      .selectFrom('service_items')
      .select(['id', 'code'])
      .where('center_id', '=', centerId)
      .execute(),
  ]);
  const staffBy = new Map(staff.map((s) => [s.staff_no, s]));
  const itemBy = new Map(items.map((it) => [it.code, it.id]));
  /** A window clerk at work (the demo's accounts stand in for those without one, as in cases.ts). */
  const as = (staffNo: string): SessionUser => {
    const s = staffBy.get(staffNo)!;
    const roles: Role[] = ['window_staff'];
    return {
      ...clerk,
      username: staffNo,
      displayName: s.name,
      staffId: s.id,
      roles,
      permissions: permissionsOf(roles),
    };
  };
  const working = (date: string) => {
    const w = isWorkingDay(cal, date);
    return w.ok ? w.value : (weekdayOf(date) ?? 6) <= 5;
  };
  /** The working days of a month, in order. */
  const workingDaysOf = (month: string) => {
    const [from, to] = shanghaiMonthBounds(month)!;
    const out: string[] = [];
    for (let d = shanghaiDateOf(from); d < shanghaiDateOf(to); d = addDays(d, 1))
      if (working(d)) out.push(d);
    return out;
  };
  const afterWorkingDays = (date: string, n: number) => {
    let d = date;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (working(d)) left -= 1;
    }
    return d;
  };
  const instant = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`).getTime();

  let now = realNow;
  const d: Deps = { ...deps, clock: { now: () => new Date(now) } };
  const thisMonth = monthOfInstant(realNow);
  // The twelve months before this one, and this one up to now: last month's 12-month trend is full.
  const months = monthsEnding(thisMonth, 13);
  let made = 0;
  for (const [m, month] of months.entries()) {
    const back = months.length - 1 - m;
    const days = workingDaysOf(month);
    for (const [k, v] of visitsOf(back).entries()) {
      const date = days[Math.min(v.day, days.length) - 1];
      if (!date) continue;
      const received = instant(date, v.at);
      if (received >= realNow) continue;
      const done =
        v.then.kind === 'immediate'
          ? received + v.then.minutes * MINUTE
          : v.then.kind === 'promised'
            ? instant(afterWorkingDays(date, v.then.workingDays), '11:00')
            : received + 10 * MINUTE;
      // Nothing after the clock: a case that would still be running now is left out.
      if (done + 3 * HOUR >= realNow) continue;
      const user = as(v.staffNo);
      now = received;
      const name = NAMES[(made + k) % NAMES.length]!;
      const base = {
        itemId: v.item ? itemBy.get(v.item)! : null,
        subject: v.item ? '' : '咨询社保卡补办需要的材料',
        channel: v.channel ?? 'window',
        applicant: { type: 'person' as const, name, idNumber: null, phone: null },
        note: '',
      };
      if (v.then.kind === 'answer') {
        await cases.intake(d, user, demoActor, centerId, {
          ...base,
          then: { action: 'answer', answer: '社保卡补办需携带身份证，可在 02 号窗口当场办理。' },
        });
        made += 1;
        continue;
      }
      if (v.then.kind === 'return') {
        await cases.intake(d, user, demoActor, centerId, {
          ...base,
          then: { action: 'return', reasons: '申请人户籍不在本镇，依规定应向户籍所在地乡镇申请。' },
        });
        made += 1;
        continue;
      }
      const accepted = await cases.intake(d, user, demoActor, centerId, {
        ...base,
        then: { action: 'accept', kind: v.then.kind, termDays: null, urgent: false },
      });
      made += 1;
      now = done;
      const closed = await cases.act(d, user, demoActor, accepted.id, accepted.version, {
        command: 'complete',
        result: '已按规定办结',
        fees: [],
      });
      if (closed.onTime === false) {
        // The group looked into it the same day and found a reason outside the window.
        now = done + 2 * HOUR;
        const candidate = await deps.db
          .selectFrom('violation_candidates')
          .select(['id', 'version'])
          .where('case_id', '=', accepted.id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (candidate)
          await violations.decide(d, kaohe, kaoheActor, candidate.id, {
            version: candidate.version,
            decision: 'dismiss',
            reason: '经核实，超期系上级业务系统故障所致，已有情况说明，不予认定。',
          });
      }
    }
  }
  return made;
}
