import type {
  CaseSettings,
  createServiceItemBody,
  ServiceItem,
  updateCaseSettingsBody,
  updateServiceItemBody,
} from '@bianmin/contracts';
import { checkCatalogFees } from '@bianmin/domain';
import type { z } from 'zod';
import { checkVersion, definedOnly } from '../../audit/change.ts';
import { write, type Actor, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, asErrorCode, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as repo from './repository.ts';

export const listItems = (deps: Deps, centerId: number, includeInactive: boolean) =>
  repo.listItems(deps.db, centerId, includeInactive);

type ItemFields = Omit<z.infer<typeof updateServiceItemBody>, 'version' | 'active'>;

/** The catalog's own rules: a term for items with one, promise within the law, fees with a basis. */
async function checkItem(tx: Tx, centerId: number, item: Required<ItemFields>) {
  const unit = await tx
    .selectFrom('window_units')
    .select(['center_id', 'active'])
    .where('id', '=', item.windowUnitId)
    .executeTakeFirst();
  if (!unit || unit.center_id !== centerId) throw fieldError('NOT_FOUND', 'windowUnitId');
  if (
    (item.defaultKind === 'promised' || item.defaultKind === 'reported') &&
    item.promisedDays === null
  )
    throw fieldError('TERM_REQUIRED', 'promisedDays');
  if (item.promisedDays !== null && item.legalDays !== null && item.promisedDays > item.legalDays)
    throw fieldError('PROMISE_EXCEEDS_LEGAL', 'promisedDays');
  const dup = item.materials.findIndex((m, i) => item.materials.indexOf(m) !== i);
  if (dup >= 0) throw fieldError('DUPLICATE_MATERIAL', `materials.${dup}`);
  const fees = checkCatalogFees(item.fees);
  if (!fees.ok) throw fieldError(asErrorCode(fees.code), fees.field ?? 'fees');
  if (item.jointWindowIds.length > 0) {
    const found = await tx
      .selectFrom('windows')
      .select('id')
      .where('center_id', '=', centerId)
      .where('id', 'in', item.jointWindowIds)
      .execute();
    if (found.length !== new Set(item.jointWindowIds).size)
      throw fieldError('NOT_FOUND', 'jointWindowIds');
  }
  return {
    ...item,
    fees: fees.value,
    jointWindowIds: [...new Set(item.jointWindowIds)],
    aliases: [...new Set(item.aliases)],
  };
}

export function createItem(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createServiceItemBody>,
): Promise<ServiceItem> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const { code, ...fields } = body;
    const checked = await checkItem(tx, centerId, fields);
    const item = await repo.insertItem(tx, centerId, { code, ...checked }, at);
    await audit({
      centerId,
      action: 'service_item.create',
      entityType: 'service_item',
      entityId: item.id,
      before: null,
      after: item,
    });
    return item;
  });
}

export function updateItem(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof updateServiceItemBody>,
): Promise<ServiceItem> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.getItem(tx, id, true), body.version, (row) =>
      inScope(user, row.centerId),
    );
    const { version: _, active, ...patch } = body;
    const merged = { ...before, ...definedOnly(patch) };
    const checked = await checkItem(tx, before.centerId, {
      name: merged.name,
      windowUnitId: merged.windowUnitId,
      defaultKind: merged.defaultKind,
      promisedDays: merged.promisedDays,
      legalDays: merged.legalDays,
      materials: merged.materials,
      fees: merged.fees,
      announce: merged.announce,
      jointWindowIds: merged.jointWindowIds,
      aliases: merged.aliases,
      appointment: merged.appointment,
      homeVisit: merged.homeVisit,
    });
    const after = await repo.updateItem(tx, id, before.version, {
      ...checked,
      ...(active === undefined ? {} : { active }),
    });
    await audit({
      centerId: before.centerId,
      action: 'service_item.update',
      entityType: 'service_item',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export const getSettings = (deps: Deps, centerId: number) => repo.getSettings(deps.db, centerId);

export function updateSettings(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof updateCaseSettingsBody>,
): Promise<CaseSettings> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = await repo.getSettings(tx, centerId, true);
    if (before.version !== body.version)
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    const { version: _, ...patch } = body;
    const after = await repo.putSettings(tx, centerId, { ...before, ...definedOnly(patch) });
    await audit({
      centerId,
      action: 'case_settings.update',
      entityType: 'case_settings',
      entityId: centerId,
      before,
      after,
    });
    return after;
  });
}
