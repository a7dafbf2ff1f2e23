import { backupCommand, backupRecord, backupsPage, errorBody } from '@bianmin/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  backupNow,
  backupStatus,
  BackupRunning,
  listBackups,
  type BackupDeps,
} from '../../backup/service.ts';
import type { Db } from '../../db/connect.ts';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import { AppError } from '../../http/errors.ts';
import { sameSecret } from '../../http/same-secret.ts';
import type { Actor } from '../../audit/write.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['数据备份'];

const hhmm = (minute: number | null) =>
  minute === null
    ? null
    : `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * 数据备份 (issue 12): the county admin sees the backups and how they stand, and takes one now;
 * `npm run backup` asks a running PGlite server for one with the token of its control file
 * (`backupToken`; src/cli/backup.ts). `since` is when this server began scheduling.
 */
export const backupRoutes: FastifyPluginAsyncZod<{
  deps: Deps;
  db: Db;
  since: Date;
  backupToken: string | null;
}> = async (app, { deps, db, since, backupToken }) => {
  const backupDeps: BackupDeps = { db, config: deps.config, clock: deps.clock };
  /** A backup now; a failure is recorded in its row (the list shows why) and logged. */
  const take = async (request: FastifyRequest, trigger: 'console' | 'command', actor: Actor) => {
    try {
      return await backupNow(backupDeps, trigger, actor);
    } catch (e) {
      if (e instanceof BackupRunning) throw new AppError('BACKUP_RUNNING');
      request.log.error({ err: e }, 'backup failed');
      throw new AppError('BACKUP_FAILED', { details: { error: (e as Error).message } });
    }
  };

  app.get(
    '/api/backups',
    {
      config: { access: 'system.backups' },
      schema: {
        tags,
        summary: '数据备份：最近的备份及其状态',
        response: { 200: backupsPage, ...refusals },
      },
    },
    async () => ({
      status: await backupStatus(deps.db, deps.clock, deps.config, since),
      at: hhmm(deps.config.backup.atMinute),
      keepDays: deps.config.backup.keepDays,
      folder: deps.config.backup.dir,
      database: deps.dbKind,
      items: await listBackups(deps.db),
    }),
  );

  app.post(
    '/api/backups',
    {
      config: { access: 'system.backups' },
      schema: {
        tags,
        summary: '立即备份（服务照常运行）',
        response: { 200: backupRecord, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return take(request, 'console', actorOf(user, request));
    },
  );

  app.post(
    '/api/backups/command',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'npm run backup 向运行中的内置数据库服务器要一份备份（凭数据文件夹中的口令）',
        body: backupCommand,
        response: { 200: backupRecord, ...refusals },
      },
    },
    async (request) => {
      if (!backupToken) throw new AppError('ROUTE_NOT_FOUND');
      if (!sameSecret(request.body.token, backupToken)) throw new AppError('UNAUTHENTICATED');
      return take(request, 'command', {
        userId: null,
        name: 'npm run backup（服务器所在机器）',
        ip: request.ip,
        requestId: request.id,
      });
    },
  );
};
