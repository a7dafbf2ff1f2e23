import { createServer } from 'node:net';
import { AuditKeyError } from './audit/key.ts';
import { ConfigError, type Config } from './config.ts';
import { DataFolderError } from './db/folder.ts';
import { DataFolderLockedError } from './db/lock.ts';
import { DatabaseUnavailableError, messageOf } from './db/trouble.ts';

/**
 * Start-up failures as an operator reads them: one line (Chinese, then English) saying what is
 * wrong and what to do, and an exit code per kind — never a stack trace (LOG_LEVEL=debug adds it).
 * The codes are listed in docs/operations.md.
 */
export const EXIT = {
  failed: 1,
  config: 2,
  locked: 3,
  auditKey: 4,
  port: 5,
  dataFolder: 6,
  database: 7,
} as const;

export interface StartupFailure {
  line: string;
  exitCode: number;
}

/** The port could not be taken. */
export class PortError extends Error {
  readonly code = 'PORT';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly reason: string | undefined,
  ) {
    super(`cannot listen on ${host}:${port} (${reason ?? 'unknown'})`);
  }
}

/**
 * Take the port and let it go again, before anything else: a second server on a taken port stops
 * here, without touching the data folder or the database.
 */
export function checkPort(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => reject(new PortError(host, port, e.code)));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

function portLine(e: PortError): string {
  const at = `${e.host}:${e.port}`;
  switch (e.reason ?? '') {
    case 'EADDRINUSE':
      return (
        `端口 ${at} 已被占用（可能是另一个便民系统进程或其他程序）。请停止占用该端口的程序，或用 PORT 换一个端口；数据未被改动。` +
        ` / Port ${at} is already in use (another Bianmin process or another program): stop it, or ` +
        `set PORT to another port. Nothing was written.`
      );
    case 'EACCES':
    case 'EPERM':
      return (
        `没有权限监听端口 ${at}（1024 以下的端口需要管理员权限）。请用 PORT 设一个 1024 以上的端口（前面可放反向代理）。` +
        ` / Not allowed to listen on ${at} (ports below 1024 need privileges): set PORT to a port ` +
        `above 1024 (a reverse proxy can sit in front).`
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return (
        `HOST=${e.host} 不是本机的地址。请把 HOST 设为本机的地址，如 127.0.0.1（仅本机）或 0.0.0.0（所有网卡）。` +
        ` / HOST=${e.host} is not an address of this machine: set HOST to one, e.g. 127.0.0.1 ` +
        `(this machine only) or 0.0.0.0 (every interface).`
      );
    default:
      return (
        `无法监听 ${at}（${e.reason ?? '原因不明'}）。请检查 HOST 与 PORT。` +
        ` / Cannot listen on ${at} (${e.reason ?? 'unknown reason'}): check HOST and PORT.`
      );
  }
}

/** host:port/database of DATABASE_URL, without user or password. */
function whereOf(url: string | null | undefined): string {
  try {
    const u = new URL(url ?? '');
    return `${u.hostname || u.searchParams.get('host') || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function databaseLine(e: DatabaseUnavailableError, config: Config | null): string {
  const cause = e.cause;
  const code = (cause as { code?: unknown } | null)?.code;
  const where = whereOf(config?.databaseUrl);
  const seconds = config?.connectTimeoutSeconds;
  const msg = messageOf(cause);
  if (/timeout/i.test(msg))
    return (
      `数据库 ${where} 在 ${seconds ?? '?'} 秒内没有应答（连接超时）。请检查 DATABASE_URL 的主机与端口、PostgreSQL 是否在运行、防火墙；等待时长由 BIANMIN_DB_CONNECT_TIMEOUT_SECONDS 设定。` +
      ` / The database at ${where} did not answer within ${seconds ?? '?'} s: check the host and port ` +
      `in DATABASE_URL, that PostgreSQL runs, and the firewall (BIANMIN_DB_CONNECT_TIMEOUT_SECONDS sets the wait).`
    );
  switch (code) {
    case 'ECONNREFUSED':
      return (
        `数据库 ${where} 拒绝连接（该端口上没有 PostgreSQL 在运行）。请启动 PostgreSQL，或改正 DATABASE_URL 的主机与端口。` +
        ` / The database at ${where} refused the connection (no PostgreSQL on that port): start it, ` +
        `or correct the host and port in DATABASE_URL.`
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return (
        `找不到数据库主机（${where}）。请改正 DATABASE_URL 中的主机名。` +
        ` / The database host of ${where} cannot be found: correct the host name in DATABASE_URL.`
      );
    case '28P01':
    case '28000':
      return (
        `数据库 ${where} 拒绝了用户名或密码。请改正 DATABASE_URL 中的用户名与密码（或数据库的 pg_hba.conf）。` +
        ` / The database at ${where} refused the user name or password: correct them in DATABASE_URL ` +
        `(or the database's pg_hba.conf).`
      );
    case '3D000':
      return (
        `数据库服务器上没有 ${where} 这个数据库。请先建库（createdb），或改正 DATABASE_URL 中的数据库名。` +
        ` / There is no database ${where}: create it (createdb), or correct its name in DATABASE_URL.`
      );
    case '57P03':
      return (
        `数据库 ${where} 正在启动或关闭，暂不接受连接。请稍后再启动本系统。` +
        ` / The database at ${where} is starting up or shutting down: start Bianmin again in a moment.`
      );
    default:
      return (
        `无法连接数据库 ${where}（${msg}）。请检查 DATABASE_URL 与 PostgreSQL 的运行状态。` +
        ` / Cannot connect to the database at ${where} (${msg}): check DATABASE_URL and PostgreSQL.`
      );
  }
}

/** The one line and the exit code for whatever stopped the start. */
export function startupFailure(e: unknown, config: Config | null): StartupFailure {
  const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ');
  if (e instanceof ConfigError)
    return {
      line: `启动失败：配置有误。${oneLine(e.message)} / Bianmin did not start: a setting is wrong.`,
      exitCode: EXIT.config,
    };
  if (e instanceof PortError) return { line: portLine(e), exitCode: EXIT.port };
  if (e instanceof DataFolderLockedError)
    return { line: oneLine(e.message), exitCode: EXIT.locked };
  if (e instanceof DataFolderError) return { line: oneLine(e.message), exitCode: EXIT.dataFolder };
  if (e instanceof DatabaseUnavailableError)
    return { line: databaseLine(e, config), exitCode: EXIT.database };
  if (e instanceof AuditKeyError) return { line: oneLine(e.message), exitCode: EXIT.auditKey };
  return {
    line:
      `启动失败：${oneLine(messageOf(e))}。用 LOG_LEVEL=debug 启动可看到详细信息。` +
      ` / Bianmin did not start (LOG_LEVEL=debug shows the details).`,
    exitCode: EXIT.failed,
  };
}
