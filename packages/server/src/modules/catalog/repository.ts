import type { CaseSettings, ServiceItem } from '@bianmin/contracts';
import { DEFAULT_CASE_POLICY } from '@bianmin/domain';
import type { Kysely, Selectable } from 'kysely';
import type { CaseSettingsTable, Database, ServiceItemsTable } from '../../db/schema.ts';
import { searchKeys } from './search-keys.ts';

type Db = Kysely<Database>;

function itemOf(row: Selectable<ServiceItemsTable> & { window_unit_name: string }): ServiceItem {
  return {
    id: row.id,
    centerId: row.center_id,
    code: row.code,
    name: row.name,
    windowUnitId: row.window_unit_id,
    windowUnitName: row.window_unit_name,
    defaultKind: row.default_kind,
    promisedDays: row.promised_days,
    legalDays: row.legal_days,
    materials: row.materials,
    fees: row.fees,
    announce: row.announce,
    jointWindowIds: row.joint_window_ids,
    aliases: row.aliases,
    // The keys the console's item pickers search by (dibao, db), as the portal's guide.
    ...searchKeys([row.name, ...row.aliases]),
    appointment: row.appointment,
    homeVisit: row.home_visit,
    active: row.active,
    version: row.version,
  };
}

const items = (db: Db) =>
  db
    .selectFrom('service_items as i')
    .innerJoin('window_units as u', 'u.id', 'i.window_unit_id')
    .selectAll('i')
    .select('u.name as window_unit_name');

export async function listItems(db: Db, centerId: number, includeInactive: boolean) {
  let q = items(db).where('i.center_id', '=', centerId);
  if (!includeInactive) q = q.where('i.active', '=', true);
  return (await q.orderBy('i.code').execute()).map(itemOf);
}

export async function getItem(db: Db, id: number, lock = false) {
  const q = items(db).where('i.id', '=', id);
  const row = await (lock ? q.forUpdate('i') : q).executeTakeFirst();
  return row && itemOf(row);
}

export interface ItemColumns {
  code?: string;
  name?: string;
  windowUnitId?: number;
  defaultKind?: ServiceItem['defaultKind'];
  promisedDays?: number | null;
  legalDays?: number | null;
  materials?: string[];
  fees?: ServiceItem['fees'];
  announce?: boolean;
  jointWindowIds?: number[];
  aliases?: string[];
  appointment?: boolean;
  homeVisit?: boolean;
  active?: boolean;
}

const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

function columns(c: ItemColumns) {
  return {
    code: c.code,
    name: c.name,
    window_unit_id: c.windowUnitId,
    default_kind: c.defaultKind,
    promised_days: c.promisedDays,
    legal_days: c.legalDays,
    materials: json(c.materials),
    fees: json(c.fees),
    announce: c.announce,
    joint_window_ids: json(c.jointWindowIds),
    aliases: json(c.aliases),
    appointment: c.appointment,
    home_visit: c.homeVisit,
    active: c.active,
  };
}

export async function insertItem(
  db: Db,
  centerId: number,
  c: ItemColumns & Required<Pick<ItemColumns, 'code' | 'name' | 'windowUnitId' | 'defaultKind'>>,
  createdAt: Date,
): Promise<ServiceItem> {
  const { id } = await db
    .insertInto('service_items')
    .values({
      center_id: centerId,
      created_at: createdAt,
      ...columns(c),
      code: c.code,
      name: c.name,
      window_unit_id: c.windowUnitId,
      default_kind: c.defaultKind,
      promised_days: c.promisedDays ?? null,
      legal_days: c.legalDays ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await getItem(db, id))!;
}

export async function updateItem(db: Db, id: number, version: number, c: ItemColumns) {
  await db
    .updateTable('service_items')
    .set((eb) => ({ ...columns(c), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .execute();
  return (await getItem(db, id))!;
}

// ---- case settings (the case policy of a center) ----

export async function getSettings(db: Db, centerId: number, lock = false): Promise<CaseSettings> {
  const q = db.selectFrom('case_settings').selectAll().where('center_id', '=', centerId);
  return caseSettingsOf(await (lock ? q.forUpdate() : q).executeTakeFirst());
}

/** A center's stored case policy, or the default one when it has none. */
export function caseSettingsOf(
  row: Selectable<CaseSettingsTable> | null | undefined,
): CaseSettings {
  if (!row) return { ...DEFAULT_CASE_POLICY, version: 0 };
  return {
    yellowAtPercent: row.yellow_at_percent,
    petitionDays: row.petition_days,
    petitionExtensionMaxDays: row.petition_extension_max_days,
    extensionMaxWorkingDays: row.extension_max_working_days,
    supplementWithinWorkingDays: row.supplement_within_working_days,
    petitionDecisionDays: row.petition_decision_days,
    urgentTermPercent: row.urgent_term_percent,
    version: row.version,
  };
}

export async function putSettings(db: Db, centerId: number, s: CaseSettings) {
  const values = {
    yellow_at_percent: s.yellowAtPercent,
    petition_days: s.petitionDays,
    petition_extension_max_days: s.petitionExtensionMaxDays,
    extension_max_working_days: s.extensionMaxWorkingDays,
    supplement_within_working_days: s.supplementWithinWorkingDays,
    petition_decision_days: s.petitionDecisionDays,
    urgent_term_percent: s.urgentTermPercent,
  };
  await db
    .insertInto('case_settings')
    .values({ center_id: centerId, ...values, version: 1 })
    .onConflict((oc) =>
      oc.column('center_id').doUpdateSet((eb) => ({
        ...values,
        version: eb('case_settings.version', '+', 1),
      })),
    )
    .execute();
  return getSettings(db, centerId);
}
