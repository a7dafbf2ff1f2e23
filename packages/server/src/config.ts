import {
  parseHhMm,
  RETENTION_DEFAULT_DAYS,
  RETENTION_KINDS,
  type RetentionKind,
} from '@bianmin/domain';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MIN_FREE_MIB } from './db/disk.ts';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS } from './db/pg-pool.ts';
import { isTemplateKey, type TemplateKey } from './modules/outbox/templates.ts';

export interface Config {
  host: string;
  port: number;
  /** PostgreSQL URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | null;
  /** A read replica of it for the statistics (`DATABASE_READ_URL`); none: the statistics read the primary. */
  databaseReadUrl: string | null;
  dataDir: string;
  /** PostgreSQL: give up opening a connection after this many seconds. */
  connectTimeoutSeconds: number;
  /** PGlite: refuse writes while the data folder's disk has less free space than this (MiB). */
  minFreeMiB: number;
  /** PGlite: take over a data-folder lock recorded by this other host (checked to be gone). */
  takeOverLockFrom: string | null;
  /** Create the demo center and accounts on first start. */
  demo: boolean;
  idleTimeoutMinutes: number;
  sessionMaxHours: number;
  /** Serve cookies with Secure; on automatically when the request came over https. */
  cookieSecure: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  /**
   * Benchmarks only (`BIANMIN_BENCHMARK_NO_RATE_LIMIT`, bench/lookup.ts, whose load comes from one
   * address): no per-address request limit on the applicants' case query. The guessing defence kept
   * in the database stays. Off by default; refused with BIANMIN_DEMO=0 (a real center).
   */
  benchmarkNoRateLimit: boolean;
  /**
   * The origins the console is served from (`BIANMIN_PUBLIC_ORIGIN`, comma-separated), the only ones
   * whose pages may change anything. Empty: the origin the browser asked for (Host, or
   * X-Forwarded-Host behind a trusted proxy).
   */
  publicOrigins: string[];
  /** Where the audit key and the anchors live (decision 0004). */
  auditDir: string;
  webDist: string | null;
  logLevel: string;
  /**
   * Tests and demos only: the server's clock starts at this instant and runs on from there
   * (`BIANMIN_CLOCK`). Refused when NODE_ENV is production or the demo is off (a real center).
   */
  clockStart: Date | null;
  /** Where text messages go (docs/notifications.md). */
  sms: SmsConfig;
  /** The bearer token a Prometheus scraper sends for `/metrics`; none: no such page. */
  metricsToken: string | null;
  /** How often the sweeps run (overdue, warnings, terms, bookings): every minute by default. */
  sweepSeconds: number;
  /** How often the text messages due are sent: every 5 s by default. */
  outboxSeconds: number;
  /** Backups (docs/operations.md "Backups"). */
  backup: BackupConfig;
  /** Days each kind of personal data is kept after its record ended; 0: for ever (docs/privacy.md). */
  retention: Record<RetentionKind, number>;
}

export interface BackupConfig {
  /** Where backups are written (`BIANMIN_BACKUP_DIR`); by default beside the data folder. */
  dir: string;
  /** The nightly backup's Beijing time in minutes after midnight (`BIANMIN_BACKUP_AT`); null: off. */
  atMinute: number | null;
  /** Backups older than this many days are removed after each new one (`BIANMIN_BACKUP_KEEP_DAYS`). */
  keepDays: number;
}

export type SmsProviderName = 'log' | 'aliyun' | 'tencent';

/** The SMS gateway: `log` (nothing leaves the server) or a real one with its account. */
export interface SmsConfig {
  provider: SmsProviderName;
  /** The sign registered with the gateway (【…】 before every text). */
  signName: string;
  accessKeyId: string | null;
  accessKeySecret: string | null;
  /** Tencent: the SMS application's SdkAppId. */
  sdkAppId: string | null;
  region: string | null;
  /** The gateway's address when not its public one (tests: a local fake server). */
  endpoint: string | null;
  /** Template key → the gateway's template id. */
  templates: Partial<Record<TemplateKey, string>>;
}

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** A bad configuration value; the message names the variable (main.ts prints it on one line). */
export class ConfigError extends Error {
  readonly code = 'CONFIG';
}

function int(
  value: string | undefined,
  fallback: number,
  name: string,
  range: { min?: number; max?: number } = {},
): number {
  if (value === undefined || value === '') return fallback;
  const { min = 1, max = Number.MAX_SAFE_INTEGER } = range;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    const bounds = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `${min}–${max}`;
    throw new ConfigError(
      `${name} 应为 ${bounds} 的整数，现在是 "${value}" / ${name} must be a whole number ${bounds}, got "${value}"`,
    );
  }
  return n;
}

/** `DATABASE_URL`: a postgres:// URL (checked here, so a typo is named at once, not at connect). */
function postgresUrl(value: string | undefined, name = 'DATABASE_URL'): string | null {
  if (!value) return null;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (
    !url ||
    !/^postgres(ql)?:$/.test(url.protocol) ||
    (!url.hostname && !url.searchParams.has('host'))
  )
    throw new ConfigError(
      `${name} 应为 postgres://用户名:密码@主机:端口/数据库名 的形式，现在的值无法识别 / ` +
        `${name} must look like postgres://user:password@host:5432/database; the value set is not such a URL`,
    );
  return value;
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

/** `BIANMIN_BENCHMARK_NO_RATE_LIMIT`: a benchmark's switch, never a real center's. */
function benchmarkNoRateLimit(env: NodeJS.ProcessEnv, demo: boolean): boolean {
  const on = bool(env.BIANMIN_BENCHMARK_NO_RATE_LIMIT, false);
  if (on && !demo)
    throw new ConfigError(
      'BIANMIN_BENCHMARK_NO_RATE_LIMIT 仅供性能测试使用，正式中心（BIANMIN_DEMO=0）不得开启 / ' +
        'BIANMIN_BENCHMARK_NO_RATE_LIMIT is for benchmarks only: it is refused with BIANMIN_DEMO=0 (a real center)',
    );
  return on;
}

/** `BIANMIN_PUBLIC_ORIGIN`: scheme, host and port only, as a browser sends them in `Origin`. */
function publicOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => {
      const url = URL.canParse(o) ? new URL(o) : null;
      const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username;
      if (!url || !bare || !/^https?:$/.test(url.protocol))
        throw new Error(
          `BIANMIN_PUBLIC_ORIGIN must list origins like https://bianmin.example.gov.cn (scheme, host, optional port; no path), got "${o}"`,
        );
      return url.origin;
    });
}

/** `BIANMIN_SMS_TEMPLATES`: a JSON object, template key → the gateway's template id. */
function smsTemplates(value: string | undefined): SmsConfig['templates'] {
  if (value === undefined || value.trim() === '') return {};
  const bad = (why: string) =>
    new ConfigError(
      `BIANMIN_SMS_TEMPLATES 应为 JSON 对象，如 {"verify_code":"SMS_123456"}：${why} / ` +
        `BIANMIN_SMS_TEMPLATES must be a JSON object like {"verify_code":"SMS_123456"}: ${why}`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw bad('not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw bad('not an object');
  const templates: SmsConfig['templates'] = {};
  for (const [key, id] of Object.entries(parsed)) {
    if (!isTemplateKey(key)) throw bad(`unknown template "${key}"`);
    if (typeof id !== 'string' || id.trim() === '') throw bad(`"${key}" needs a template id`);
    templates[key] = id.trim();
  }
  return templates;
}

/** `BIANMIN_SMS_ENDPOINT`: http(s)://host[:port] of the gateway (a local fake one in tests). */
function smsEndpoint(value: string | undefined): string | null {
  if (!value) return null;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search)
    throw new ConfigError(
      `BIANMIN_SMS_ENDPOINT 应为 http(s)://主机[:端口]，现在是 "${value}" / ` +
        `BIANMIN_SMS_ENDPOINT must be http(s)://host[:port], got "${value}"`,
    );
  return url.origin;
}

/**
 * The SMS gateway. `log` (the default) sends nothing; a real gateway refuses to start without its
 * account, naming every variable that is missing.
 */
function smsConfig(env: NodeJS.ProcessEnv): SmsConfig {
  const provider = env.BIANMIN_SMS_PROVIDER || 'log';
  if (provider !== 'log' && provider !== 'aliyun' && provider !== 'tencent')
    throw new ConfigError(
      `BIANMIN_SMS_PROVIDER 应为 log、aliyun 或 tencent，现在是 "${provider}" / ` +
        `BIANMIN_SMS_PROVIDER must be log, aliyun or tencent, got "${provider}"`,
    );
  const value = (name: string) => env[name]?.trim() || null;
  if (provider !== 'log') {
    const needed = [
      'BIANMIN_SMS_SIGN_NAME',
      'BIANMIN_SMS_ACCESS_KEY_ID',
      'BIANMIN_SMS_ACCESS_KEY_SECRET',
      ...(provider === 'tencent' ? ['BIANMIN_SMS_SDK_APP_ID'] : []),
    ];
    const missing = needed.filter((name) => !value(name));
    if (missing.length > 0)
      throw new ConfigError(
        `短信网关 ${provider} 缺少配置 ${missing.join('、')} / ` +
          `BIANMIN_SMS_PROVIDER=${provider} needs ${missing.join(', ')}`,
      );
  }
  return {
    provider,
    signName: value('BIANMIN_SMS_SIGN_NAME') ?? '便民服务中心',
    accessKeyId: value('BIANMIN_SMS_ACCESS_KEY_ID'),
    accessKeySecret: value('BIANMIN_SMS_ACCESS_KEY_SECRET'),
    sdkAppId: value('BIANMIN_SMS_SDK_APP_ID'),
    region: value('BIANMIN_SMS_REGION'),
    endpoint: smsEndpoint(env.BIANMIN_SMS_ENDPOINT),
    templates: smsTemplates(env.BIANMIN_SMS_TEMPLATES),
  };
}

/** Configuration from the environment; every variable is listed in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = bool(env.BIANMIN_DEMO, true);
  const databaseUrl = postgresUrl(env.DATABASE_URL);
  const databaseReadUrl = postgresUrl(env.DATABASE_READ_URL, 'DATABASE_READ_URL');
  if (databaseReadUrl && !databaseUrl)
    throw new ConfigError(
      'DATABASE_READ_URL 只能与 DATABASE_URL 一起使用（内置数据库没有只读副本） / ' +
        'DATABASE_READ_URL needs DATABASE_URL (the embedded database has no replica)',
    );
  const dataDir = resolve(env.BIANMIN_DATA_DIR ?? resolve(repoRoot, 'data'));
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env.PORT, 3000, 'PORT', { max: 65535 }),
    databaseUrl,
    databaseReadUrl,
    dataDir,
    connectTimeoutSeconds: int(
      env.BIANMIN_DB_CONNECT_TIMEOUT_SECONDS,
      DEFAULT_CONNECT_TIMEOUT_SECONDS,
      'BIANMIN_DB_CONNECT_TIMEOUT_SECONDS',
      { max: 3600 },
    ),
    minFreeMiB: int(env.BIANMIN_MIN_FREE_MB, DEFAULT_MIN_FREE_MIB, 'BIANMIN_MIN_FREE_MB', {
      min: 0,
    }),
    takeOverLockFrom: env.BIANMIN_TAKE_OVER_LOCK_FROM || null,
    demo,
    idleTimeoutMinutes: int(env.BIANMIN_IDLE_TIMEOUT_MINUTES, 30, 'BIANMIN_IDLE_TIMEOUT_MINUTES'),
    sessionMaxHours: int(env.BIANMIN_SESSION_MAX_HOURS, 12, 'BIANMIN_SESSION_MAX_HOURS'),
    cookieSecure: bool(env.BIANMIN_COOKIE_SECURE, false),
    trustProxy: bool(env.BIANMIN_TRUST_PROXY, false),
    benchmarkNoRateLimit: benchmarkNoRateLimit(env, demo),
    publicOrigins: publicOrigins(env.BIANMIN_PUBLIC_ORIGIN),
    // With PGlite the audit folder sits in the data folder, so one copy of it is a whole backup.
    auditDir: env.BIANMIN_AUDIT_DIR
      ? resolve(env.BIANMIN_AUDIT_DIR)
      : databaseUrl
        ? resolve(repoRoot, 'audit-trail')
        : resolve(dataDir, 'audit'),
    webDist: env.BIANMIN_WEB_DIST ?? resolve(repoRoot, 'packages/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    clockStart: clockStart(env, demo),
    sms: smsConfig(env),
    metricsToken: metricsToken(env.BIANMIN_METRICS_TOKEN),
    sweepSeconds: int(env.BIANMIN_SWEEP_SECONDS, 60, 'BIANMIN_SWEEP_SECONDS', { max: 3600 }),
    outboxSeconds: int(env.BIANMIN_OUTBOX_SECONDS, 5, 'BIANMIN_OUTBOX_SECONDS', { max: 3600 }),
    backup: {
      // Beside the data folder, never in it (a backup must not hold the backups before it).
      dir: resolve(
        env.BIANMIN_BACKUP_DIR ||
          (databaseUrl ? resolve(repoRoot, 'backups') : `${dataDir}-backups`),
      ),
      atMinute: backupAt(env.BIANMIN_BACKUP_AT),
      keepDays: int(env.BIANMIN_BACKUP_KEEP_DAYS, 14, 'BIANMIN_BACKUP_KEEP_DAYS', { max: 3650 }),
    },
    retention: Object.fromEntries(
      RETENTION_KINDS.map((kind) => {
        const name = `BIANMIN_KEEP_${kind.toUpperCase()}_DAYS`;
        return [kind, int(env[name], RETENTION_DEFAULT_DAYS[kind], name, { min: 0, max: 36500 })];
      }),
    ) as Record<RetentionKind, number>,
  };
}

/** `BIANMIN_BACKUP_AT`: HH:MM Beijing time of the nightly backup (02:00), or `off`. */
function backupAt(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return 120;
  if (['off', 'no', '0', 'false'].includes(value.trim().toLowerCase())) return null;
  const minute = parseHhMm(value.trim());
  if (minute === undefined)
    throw new ConfigError(
      `BIANMIN_BACKUP_AT 应为北京时间 HH:MM（如 02:00）或 off，现在是 "${value}" / ` +
        `BIANMIN_BACKUP_AT must be a Beijing time HH:MM (e.g. 02:00) or off, got "${value}"`,
    );
  return minute;
}

/** `BIANMIN_METRICS_TOKEN`: long enough not to be guessed (a scraper's secret, not a password). */
function metricsToken(value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < 24 || /\s/.test(value))
    throw new ConfigError(
      `BIANMIN_METRICS_TOKEN 应为至少 24 个字符、不含空白的随机串 / ` +
        `BIANMIN_METRICS_TOKEN must be at least 24 characters with no spaces (e.g. openssl rand -hex 24)`,
    );
  return value;
}
