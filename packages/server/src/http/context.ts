import type { Permission, Role } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/write.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { DatabaseKind } from '../db/connect.ts';

/** What services need from the outside world, passed explicitly. */
export interface Deps {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  clock: Clock;
  config: Config;
  /** A read replica for the statistics (`DATABASE_READ_URL`); absent, they read `db`. */
  readDb?: Kysely<Database>;
}

/** Where read-only statistics read: the replica when there is one. */
export const statsDb = (deps: Deps): Kysely<Database> => deps.readDb ?? deps.db;

/** The signed-in user of a request. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  centerId: number | null;
  staffId: number | null;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  mustChangePassword: boolean;
  sessionId: string;
}

/**
 * Who may call a route. Every route declares one (deny by default: a route without it is refused).
 * - 'public': anyone; 'signed-in': any signed-in user; a Permission: users whose roles grant it.
 */
export type Access = 'public' | 'signed-in' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Allowed while the user still has to change an initial password. */
    allowWhilePasswordChange?: boolean;
  }
}

export function actorOf(user: SessionUser, request: { ip: string; id: string }): Actor {
  return {
    userId: user.id,
    name: `${user.displayName}（${user.username}）`,
    ip: request.ip,
    requestId: request.id,
  };
}
