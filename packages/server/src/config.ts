import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  host: string;
  port: number;
  /** PostgreSQL URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | null;
  dataDir: string;
  /** PGlite: fsync the data folder every this many seconds (0: leave it to the kernel). */
  flushSeconds: number;
  /** Create the demo center and accounts on first start. */
  demo: boolean;
  idleTimeoutMinutes: number;
  sessionMaxHours: number;
  /** Serve cookies with Secure; on automatically when the request came over https. */
  cookieSecure: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  webDist: string | null;
  logLevel: string;
}

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

/** Configuration from the environment; every variable is listed in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env.PORT, 3000, 'PORT'),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: resolve(env.BIANMIN_DATA_DIR ?? resolve(repoRoot, 'data')),
    flushSeconds:
      env.BIANMIN_PGLITE_FLUSH_SECONDS === '0'
        ? 0
        : int(env.BIANMIN_PGLITE_FLUSH_SECONDS, 1, 'BIANMIN_PGLITE_FLUSH_SECONDS'),
    demo: bool(env.BIANMIN_DEMO, true),
    idleTimeoutMinutes: int(env.BIANMIN_IDLE_TIMEOUT_MINUTES, 30, 'BIANMIN_IDLE_TIMEOUT_MINUTES'),
    sessionMaxHours: int(env.BIANMIN_SESSION_MAX_HOURS, 12, 'BIANMIN_SESSION_MAX_HOURS'),
    cookieSecure: bool(env.BIANMIN_COOKIE_SECURE, false),
    trustProxy: bool(env.BIANMIN_TRUST_PROXY, false),
    webDist: env.BIANMIN_WEB_DIST ?? resolve(repoRoot, 'packages/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
