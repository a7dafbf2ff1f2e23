import type { ServiceWindow, Staff, WindowUnit } from '@bianmin/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

// ---- window units (窗口单位) ----

const unitColumns = ['id', 'center_id as centerId', 'code', 'name', 'active', 'version'] as const;

export const listWindowUnits = (db: Db, centerId: number): Promise<WindowUnit[]> =>
  db
    .selectFrom('window_units')
    .select(unitColumns)
    .where('center_id', '=', centerId)
    .orderBy('code')
    .execute();

export const getWindowUnit = (
  db: Db,
  id: number,
  lock = false,
): Promise<WindowUnit | undefined> => {
  const q = db.selectFrom('window_units').select(unitColumns).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
};

export const insertWindowUnit = (
  db: Db,
  values: { center_id: number; code: string; name: string; created_at: Date },
) => db.insertInto('window_units').values(values).returning(unitColumns).executeTakeFirstOrThrow();

export const updateWindowUnit = (
  db: Db,
  id: number,
  version: number,
  set: { name?: string; active?: boolean },
) =>
  db
    .updateTable('window_units')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .returning(unitColumns)
    .executeTakeFirstOrThrow();

// ---- windows (窗口) ----

function windowsQuery(db: Db) {
  return db
    .selectFrom('windows as w')
    .innerJoin('window_units as u', 'u.id', 'w.window_unit_id')
    .select([
      'w.id',
      'w.center_id as centerId',
      'w.window_unit_id as windowUnitId',
      'u.name as windowUnitName',
      'w.number',
      'w.name',
      'w.active',
      'w.version',
    ]);
}

export const listWindows = (db: Db, centerId: number): Promise<ServiceWindow[]> =>
  windowsQuery(db).where('w.center_id', '=', centerId).orderBy('w.number').execute();

export async function getWindow(
  db: Db,
  id: number,
  lock = false,
): Promise<ServiceWindow | undefined> {
  if (lock) await db.selectFrom('windows').select('id').where('id', '=', id).forUpdate().execute();
  return windowsQuery(db).where('w.id', '=', id).executeTakeFirst();
}

export async function insertWindow(
  db: Db,
  values: {
    center_id: number;
    window_unit_id: number;
    number: string;
    name: string;
    created_at: Date;
  },
): Promise<ServiceWindow> {
  const { id } = await db
    .insertInto('windows')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await getWindow(db, id))!;
}

export async function updateWindow(
  db: Db,
  id: number,
  version: number,
  set: { window_unit_id?: number; number?: string; name?: string; active?: boolean },
): Promise<ServiceWindow> {
  await db
    .updateTable('windows')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .execute();
  return (await getWindow(db, id))!;
}

// ---- staff (工作人员) ----

function staffQuery(db: Db) {
  return db
    .selectFrom('staff as s')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .leftJoin('staff as sup', 'sup.id', 's.supervisor_id')
    .select((eb) => [
      's.id',
      's.center_id as centerId',
      's.staff_no as staffNo',
      's.name',
      's.position',
      's.window_id as windowId',
      eb.fn<string | null>('concat_ws', [eb.val(' '), 'w.number', 'w.name']).as('windowName'),
      's.supervisor_id as supervisorId',
      'sup.name as supervisorName',
      's.in_post_from as inPostFrom',
      's.in_post_to as inPostTo',
      's.version',
    ]);
}

const nullIfBlank = (s: Staff): Staff => ({
  ...s,
  windowName: s.windowId === null ? null : s.windowName,
});

export async function listStaff(
  db: Db,
  centerId: number,
  filter: { q?: string; includeLeft: boolean; today: string },
): Promise<Staff[]> {
  let q = staffQuery(db).where('s.center_id', '=', centerId);
  if (!filter.includeLeft)
    q = q.where((eb) =>
      eb.or([eb('s.in_post_to', 'is', null), eb('s.in_post_to', '>=', filter.today)]),
    );
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('s.name', 'like', like),
        eb('s.staff_no', 'like', like),
        eb('s.position', 'like', like),
      ]),
    );
  }
  return (await q.orderBy('s.staff_no').execute()).map(nullIfBlank);
}

export async function getStaff(db: Db, id: number, lock = false): Promise<Staff | undefined> {
  if (lock) await db.selectFrom('staff').select('id').where('id', '=', id).forUpdate().execute();
  const row = await staffQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row && nullIfBlank(row);
}

/** Each staff member's supervising leader, for the cycle check. */
export async function supervisorMap(db: Db, centerId: number): Promise<Map<number, number | null>> {
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'supervisor_id'])
    .where('center_id', '=', centerId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.supervisor_id]));
}

export interface StaffColumns {
  staff_no?: string;
  name?: string;
  position?: string;
  window_id?: number | null;
  supervisor_id?: number | null;
  in_post_from?: string;
  in_post_to?: string | null;
}

export async function insertStaff(
  db: Db,
  centerId: number,
  values: Required<StaffColumns> & { created_at: Date },
): Promise<Staff> {
  const { id } = await db
    .insertInto('staff')
    .values({ ...values, center_id: centerId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await getStaff(db, id))!;
}

export async function updateStaff(
  db: Db,
  id: number,
  version: number,
  set: StaffColumns,
): Promise<Staff> {
  await db
    .updateTable('staff')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .execute();
  return (await getStaff(db, id))!;
}
