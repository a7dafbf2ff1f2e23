/** Facts about the machine and the checkout a run is measured on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from './server.ts';

/** Time some runnable task waited for a CPU so far, µs (Linux pressure stall information). */
export function cpuStallMicros(): number | null {
  try {
    const some = /^some .* total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return some ? Number(some[1]) : null;
  } catch {
    return null;
  }
}

export function gitDescribe(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain') !== '' ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}
