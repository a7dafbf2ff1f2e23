import type { Center } from '@bianmin/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { CentersTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

const columns = [
  'id',
  'code',
  'name',
  'region',
  'address',
  'phone',
  'version',
  'created_at',
] as const;
const toCenter = (r: Pick<Selectable<CentersTable>, (typeof columns)[number]>): Center => ({
  id: r.id,
  code: r.code,
  name: r.name,
  region: r.region,
  address: r.address,
  phone: r.phone,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

export async function listCenters(db: Db, onlyId: number | null): Promise<Center[]> {
  let q = db.selectFrom('centers').select(columns).orderBy('id');
  if (onlyId !== null) q = q.where('id', '=', onlyId);
  return (await q.execute()).map(toCenter);
}

export async function getCenter(db: Db, id: number, lock = false): Promise<Center | undefined> {
  let q = db.selectFrom('centers').select(columns).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toCenter(row);
}

export async function insertCenter(
  db: Db,
  values: {
    code: string;
    name: string;
    region: string;
    address?: string;
    phone?: string;
    created_at: Date;
  },
): Promise<Center> {
  return toCenter(
    await db.insertInto('centers').values(values).returning(columns).executeTakeFirstOrThrow(),
  );
}

export async function updateCenter(
  db: Db,
  id: number,
  version: number,
  set: { name?: string; region?: string; address?: string; phone?: string },
): Promise<Center> {
  const row = await db
    .updateTable('centers')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toCenter(row);
}
