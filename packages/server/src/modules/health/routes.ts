import { health } from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { systemClock } from '../../clock.ts';
import type { Db } from '../../db/connect.ts';
import { backupStatus } from '../../backup/service.ts';
import { isConnectionFailure } from '../../db/trouble.ts';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { APP_VERSION } from '../../version.ts';

/**
 * `GET /api/health`, for people and load balancers: 200 while the database answers (with
 * `status: 'disk-full'` while writes are refused for a full disk, reads going on), 503
 * DATABASE_UNAVAILABLE while it does not (docs/operations.md).
 */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps; db: Db; since: Date }> = async (
  app,
  { deps, db, since },
) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['系统'], summary: '运行状态', response: { 200: health } },
    },
    async (request) => {
      try {
        // On PGlite this also reads the disk's free space (db/pglite-dialect.ts).
        await sql`select 1`.execute(deps.db);
      } catch (e) {
        if (isConnectionFailure(e)) throw e; // 503 DATABASE_UNAVAILABLE, logged with its cause
        request.log.error({ err: e }, 'health: the database does not answer');
        throw new AppError('DATABASE_UNAVAILABLE');
      }
      return {
        status: db.disk?.full ? ('disk-full' as const) : ('ok' as const),
        database: deps.dbKind,
        version: APP_VERSION,
        now: deps.clock.now().toISOString(),
        clockShifted: deps.clock !== systemClock,
        backup: await backupStatus(deps.db, deps.clock, deps.config, since),
      };
    },
  );
};
