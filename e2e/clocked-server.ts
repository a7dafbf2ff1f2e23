import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/**
 * A server of a flow's own on one data folder, whose clock is set at each start (BIANMIN_CLOCK), so
 * that days can pass within the flow: stop, then start again at a later instant. Its own port range
 * (43000–46999), apart from the groups' shared servers (server.ts).
 */
export class ClockedServer {
  private child: ChildProcess | null = null;
  readonly dataDir: string;
  readonly port = 43000 + Math.floor(Math.random() * 4000);
  readonly baseUrl = `http://127.0.0.1:${this.port}`;

  constructor(name: string) {
    this.dataDir = mkdtempSync(join(tmpdir(), `bianmin-${name}-e2e-`));
  }

  /** Starts at `clock` (an ISO instant) and waits until it answers; a busy machine may take minutes. */
  async start(clock: string, withinMs = 170_000) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(root, 'packages/server/src/main.ts')],
      {
        cwd: root,
        env: {
          ...process.env,
          BIANMIN_DATA_DIR: this.dataDir,
          PORT: String(this.port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          BIANMIN_CLOCK: clock,
          BIANMIN_PUBLIC_ORIGIN: this.baseUrl,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    const until = Date.now() + withinMs;
    for (;;) {
      if (this.child.exitCode !== null)
        throw new Error(`the server exited with ${this.child.exitCode}`);
      try {
        if ((await fetch(`${this.baseUrl}/api/health`)).ok) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > until) throw new Error(`the server did not start within ${withinMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
