import { health } from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { systemClock } from '../../clock.ts';
import type { Deps } from '../../http/context.ts';
import { APP_VERSION } from '../../version.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['系统'], summary: '运行状态', response: { 200: health } },
    },
    async () => {
      await sql`select 1`.execute(deps.db);
      return {
        status: 'ok' as const,
        database: deps.dbKind,
        version: APP_VERSION,
        now: deps.clock.now().toISOString(),
        clockShifted: deps.clock !== systemClock,
      };
    },
  );
};
