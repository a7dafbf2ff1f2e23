import type { Center } from '@bianmin/contracts';
import { isCrossCenter } from '@bianmin/domain';
import type { z } from 'zod';
import type { createCenterBody, updateCenterBody } from '@bianmin/contracts';
import { checkVersion, definedOnly } from '../../audit/change.ts';
import { write, type Actor } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { inScope } from '../../http/scope.ts';
import { seedCenterCalendar } from '../calendar/service.ts';
import * as repo from './repository.ts';

export function listCenters(deps: Deps, user: SessionUser): Promise<Center[]> {
  return repo.listCenters(deps.db, isCrossCenter(user.roles) ? null : (user.centerId ?? -1));
}

export function createCenter(
  deps: Deps,
  actor: Actor,
  body: z.infer<typeof createCenterBody>,
): Promise<Center> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const center = await repo.insertCenter(tx, { ...body, created_at: at });
    await audit({
      centerId: center.id,
      action: 'center.create',
      entityType: 'center',
      entityId: center.id,
      before: null,
      after: center,
    });
    await seedCenterCalendar(tx, audit, deps.clock.now(), center.id);
    return center;
  });
}

export function updateCenter(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof updateCenterBody>,
): Promise<Center> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.getCenter(tx, id, true), body.version, (c) =>
      inScope(user, c.id),
    );
    const { version: _, ...patch } = body;
    const after = await repo.updateCenter(tx, id, before.version, definedOnly(patch));
    await audit({
      centerId: id,
      action: 'center.update',
      entityType: 'center',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
