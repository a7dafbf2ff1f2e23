import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import * as announcements from '../modules/announcements/service.ts';
import { demoCenterId, demoUser } from './actors.ts';

/**
 * The demo's completed cases of announced items queued their announcements; the director published
 * each but the latest an hour after completion, on time, through the real service. The latest stays
 * pending, for 办结公告 to have one to decide.
 */
export async function seedDemoAnnouncements(deps: Deps): Promise<number> {
  const centerId = await demoCenterId(deps.db);
  const director = await demoUser(deps.db, 'director');
  const actor: Actor = { userId: director.id, name: '周敏（director）', ip: null, requestId: null };
  const pending = await deps.db
    .selectFrom('announcements')
    .select(['id', 'completed_at', 'version'])
    .where('center_id', '=', centerId)
    .where('status', '=', 'pending')
    .orderBy('completed_at')
    .execute();
  const now = deps.clock.now().getTime();
  let published = 0;
  for (const a of pending.slice(0, -1)) {
    const at = new Date(Math.min(a.completed_at.getTime() + 3_600_000, now));
    const d: Deps = { ...deps, clock: { now: () => at } };
    await announcements.publish(d, director, actor, a.id, { version: a.version });
    published += 1;
  }
  return published;
}
