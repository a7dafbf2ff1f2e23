import type { Role } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import { systemActor, write, type Audit, type Tx } from '../audit/write.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/password-hash.ts';
import { seedCenterCalendar } from '../modules/calendar/service.ts';
import * as centers from '../modules/centers/repository.ts';
import * as org from '../modules/org/repository.ts';
import * as users from '../modules/users/repository.ts';
import { BAISHA_ITEMS, QINGSHI_ITEMS, seedCatalog } from './catalog.ts';
import { seedRegulation } from './regulations.ts';
import { seedDemoAttendance } from './attendance.ts';

/** The password of every demo account (listed in the README). */
export const DEMO_PASSWORD = 'Bianmin2026!';

interface DemoCenter {
  code: string;
  name: string;
  region: string;
  /** Plainly fictional, like the county (示范县). */
  address: string;
  phone: string;
  units: { code: string; name: string; windows: { number: string; name: string }[] }[];
  items: typeof QINGSHI_ITEMS;
  /** staffNo, name, position, window number or null, supervisor staffNo or null, login + roles */
  staff: [string, string, string, string | null, string | null, string | null, Role[]][];
}

const QINGSHI: DemoCenter = {
  code: 'qingshi',
  name: '青石镇便民服务中心',
  region: '示范县青石镇',
  address: '示范县青石镇青石大道 88 号（镇政府东侧一楼）',
  phone: '0571-8468 1230',
  items: QINGSHI_ITEMS,
  units: [
    { code: 'mz', name: '民政办', windows: [{ number: '01', name: '民政救助窗口' }] },
    {
      code: 'sb',
      name: '社会保障服务所',
      windows: [
        { number: '02', name: '社保医保窗口' },
        { number: '03', name: '就业服务窗口' },
      ],
    },
    { code: 'nyb', name: '农业农村办', windows: [{ number: '04', name: '农业农村窗口' }] },
    { code: 'zrzy', name: '自然资源所', windows: [{ number: '05', name: '国土规划窗口' }] },
    { code: 'scjg', name: '市场监管所', windows: [{ number: '06', name: '个体工商登记窗口' }] },
    { code: 'wj', name: '卫生健康办', windows: [{ number: '07', name: '计生卫健窗口' }] },
    { code: 'tyjr', name: '退役军人服务站', windows: [{ number: '08', name: '退役军人服务窗口' }] },
    { code: 'hj', name: '派出所户籍室', windows: [{ number: '09', name: '户籍办理窗口' }] },
  ],
  staff: [
    ['L001', '赵建国', '党委副书记、纪委书记', null, null, 'shenji', ['assessment_leader']],
    [
      'L002',
      '钱志强',
      '党委委员、副镇长',
      null,
      null,
      'leader',
      ['supervising_leader', 'assessment_deputy'],
    ],
    ['L003', '孙丽华', '党政办主任', null, 'L001', 'kaohe', ['assessment_member']],
    ['C001', '周敏', '便民服务中心主任', null, 'L002', 'director', ['director']],
    ['C002', '吴静', '中心办公室主任', null, 'C001', 'admin', ['center_admin']],
    ['C003', '郑浩', '中心业务科科长', null, 'C001', 'yewu', ['business_section']],
    ['C004', '王芳', '中心办公室干事', null, 'C002', 'duty', ['duty_officer']],
    ['W001', '李娜', '民政专干', '01', 'L002', 'clerk', ['window_staff']],
    ['W002', '陈刚', '社保专干', '02', 'L002', null, []],
    ['W003', '刘洋', '就业服务专干', '03', 'L002', null, []],
    ['W004', '黄秀英', '农经专干', '04', 'L002', null, []],
    ['W005', '杨帆', '国土专干', '05', 'L002', null, []],
    ['W006', '徐丹', '市场监管员', '06', 'L002', null, []],
    ['W007', '马兰', '计生专干', '07', 'L002', null, []],
    ['W008', '朱勇', '退役军人服务专干', '08', 'L002', null, []],
    ['W009', '胡婷', '户籍民警', '09', 'L002', null, []],
  ],
};

const BAISHA: DemoCenter = {
  code: 'baisha',
  name: '白沙乡便民服务中心',
  region: '示范县白沙乡',
  address: '示范县白沙乡白沙街 12 号',
  phone: '0571-8468 2230',
  items: BAISHA_ITEMS,
  units: [
    { code: 'mz', name: '民政办', windows: [{ number: '01', name: '综合受理窗口' }] },
    { code: 'sb', name: '社会保障服务所', windows: [{ number: '02', name: '社保窗口' }] },
  ],
  staff: [
    ['B001', '林海', '乡便民服务中心主任', null, null, 'bs-admin', ['center_admin', 'director']],
    ['B002', '高红', '综合受理员', '01', 'B001', null, []],
  ],
};

async function seedCenter(tx: Tx, audit: Audit, at: Date, c: DemoCenter, passwordHash: string) {
  const center = await centers.insertCenter(tx, {
    code: c.code,
    name: c.name,
    region: c.region,
    address: c.address,
    phone: c.phone,
    created_at: at,
  });
  const centerId = center.id;
  const created = (entityType: string, after: { id: number }) =>
    audit({
      centerId,
      action: `${entityType}.create`,
      entityType,
      entityId: after.id,
      before: null,
      after,
    });
  await created('center', center);
  await seedCenterCalendar(tx, audit, at, centerId);
  const windowIds = new Map<string, number>();
  const unitIds = new Map<string, number>();
  for (const u of c.units) {
    const unit = await org.insertWindowUnit(tx, {
      created_at: at,
      center_id: centerId,
      code: u.code,
      name: u.name,
    });
    unitIds.set(u.code, unit.id);
    await created('window_unit', unit);
    for (const w of u.windows) {
      const win = await org.insertWindow(tx, {
        created_at: at,
        center_id: centerId,
        window_unit_id: unit.id,
        ...w,
      });
      windowIds.set(w.number, win.id);
      await created('window', win);
    }
  }
  await seedCatalog(tx, audit, centerId, c.items, unitIds, windowIds, at);
  await seedRegulation(tx, audit, centerId, c.staff[0]![1]);
  const staffIds = new Map<string, number>();
  for (const [staffNo, name, position, windowNo, supervisorNo, login, roles] of c.staff) {
    const staff = await org.insertStaff(tx, centerId, {
      created_at: at,
      staff_no: staffNo,
      name,
      position,
      window_id: windowNo ? (windowIds.get(windowNo) ?? null) : null,
      supervisor_id: supervisorNo ? (staffIds.get(supervisorNo) ?? null) : null,
      in_post_from: '2023-01-01',
      in_post_to: null,
    });
    staffIds.set(staffNo, staff.id);
    await created('staff', staff);
    if (login) {
      const user = await users.insertUser(tx, {
        created_at: at,
        center_id: centerId,
        staff_id: staff.id,
        username: login,
        display_name: name,
        password_hash: passwordHash,
        roles,
        must_change_password: false,
      });
      await created('user', user);
    }
  }
}

/**
 * `count` more centers laid out like 青石镇 (units, windows, catalog, regulation, staff and their
 * logins), each made and audited in a transaction of its own as the demo makes 青石镇: for trying the
 * app with many centers (bench/board.ts). The n-th has the code `qingshi-<n>` and its logins end
 * in `-<n>`, n counting on from `first`.
 */
export async function seedCentersLikeQingshi(
  db: Kysely<Database>,
  clock: Clock,
  count: number,
  first: number,
): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (let n = first; n < first + count; n++) {
    const center: DemoCenter = {
      ...QINGSHI,
      code: `qingshi-${n}`,
      name: `示范县第${n}镇便民服务中心`,
      region: `示范县第${n}镇`,
      staff: QINGSHI.staff.map(([no, name, position, windowNo, supervisorNo, login, roles]) => [
        no,
        name,
        position,
        windowNo,
        supervisorNo,
        login && `${login}-${n}`,
        roles,
      ]),
    };
    await write(db, clock, systemActor, (tx, audit) =>
      seedCenter(tx, audit, clock.now(), center, passwordHash),
    );
  }
}

/** Create the demo centers and accounts, once: a database that has any center is left alone. */
export async function seedDemo(db: Kysely<Database>, clock: Clock): Promise<boolean> {
  const existing = await db.selectFrom('centers').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await write(db, clock, systemActor, async (tx, audit) => {
    await seedCenter(tx, audit, clock.now(), QINGSHI, passwordHash);
    await seedCenter(tx, audit, clock.now(), BAISHA, passwordHash);
    const county = await users.insertUser(tx, {
      created_at: clock.now(),
      center_id: null,
      staff_id: null,
      username: 'county',
      display_name: '县政务服务管理员',
      password_hash: passwordHash,
      roles: ['county_admin'],
      must_change_password: false,
    });
    await audit({
      centerId: null,
      action: 'user.create',
      entityType: 'user',
      entityId: county.id,
      before: null,
      after: county,
    });
    await seedDemoAttendance(tx, audit, clock.now());
  });
  return true;
}
