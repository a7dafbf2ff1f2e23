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
  /**
   * Tests and demos only: the server's clock starts at this instant and runs on from there
   * (`BIANMIN_CLOCK`). Refused when NODE_ENV is production or the demo is off (a real center).
   */
  clockStart: Date | null;
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

/** `BIANMIN_CLOCK`: an ISO instant with its offset, never in a real center. */
function clockStart(env: NodeJS.ProcessEnv, demo: boolean): Date | null {
  const value = env.BIANMIN_CLOCK;
  if (value === undefined || value === '') return null;
  if (env.NODE_ENV === 'production' || !demo)
    throw new Error(
      'BIANMIN_CLOCK is for tests and demos only: it is refused with NODE_ENV=production or BIANMIN_DEMO=0',
    );
  const t = Date.parse(value);
  if (!/(Z|[+-]\d\d:\d\d)$/.test(value) || Number.isNaN(t))
    throw new Error(
      `BIANMIN_CLOCK must be an ISO instant with its offset, e.g. 2027-01-04T09:30:00+08:00, got "${value}"`,
    );
  return new Date(t);
}

/** Configuration from the environment; every variable is listed in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = bool(env.BIANMIN_DEMO, true);
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env.PORT, 3000, 'PORT'),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: resolve(env.BIANMIN_DATA_DIR ?? resolve(repoRoot, 'data')),
    flushSeconds:
      env.BIANMIN_PGLITE_FLUSH_SECONDS === '0'
        ? 0
        : int(env.BIANMIN_PGLITE_FLUSH_SECONDS, 1, 'BIANMIN_PGLITE_FLUSH_SECONDS'),
    demo,
    idleTimeoutMinutes: int(env.BIANMIN_IDLE_TIMEOUT_MINUTES, 30, 'BIANMIN_IDLE_TIMEOUT_MINUTES'),
    sessionMaxHours: int(env.BIANMIN_SESSION_MAX_HOURS, 12, 'BIANMIN_SESSION_MAX_HOURS'),
    cookieSecure: bool(env.BIANMIN_COOKIE_SECURE, false),
    trustProxy: bool(env.BIANMIN_TRUST_PROXY, false),
    webDist: env.BIANMIN_WEB_DIST ?? resolve(repoRoot, 'packages/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    clockStart: clockStart(env, demo),
  };
}
