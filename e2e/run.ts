/**
 * `npm run test:e2e`: the browser flows in their two groups at once (groups.ts), each a Vitest run
 * with its own server. Each group's output is printed whole when it ends, and then one summary of
 * every failed flow, last, where a CI log's tail shows it. Arguments (file filters, Vitest options)
 * run one plain Vitest instead: `npm run test:e2e -- tests/cases.e2e.ts`.
 *
 * `BIANMIN_E2E_AT='2026-12-21 10:00 +0800'` runs the flows under libfaketime at that instant: every
 * process they start (the servers, Chromium) lives then, its clock running from there. `.ci/run`
 * sets it, so that `npm test` runs the browser suite once, at that date (decision 0015). Without it
 * the flows run at the real date. It is refused when faketime is missing, never ignored.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GROUPS, type Group } from './groups.ts';

const here = import.meta.dirname;
const vitest = resolve(here, '../node_modules/vitest/vitest.mjs');
const args = process.argv.slice(2);

interface JsonReport {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string }[];
  }[];
}

/** Why the flows cannot run at BIANMIN_E2E_AT, and stop: a CI run must not pass at the wrong date. */
function refuse(why: string): never {
  console.error(`test:e2e: BIANMIN_E2E_AT='${process.env.BIANMIN_E2E_AT}': ${why}`);
  process.exit(2);
}

/**
 * The command prefix that shifts the flows to BIANMIN_E2E_AT, or none. The offset is computed as
 * `.ci/run`'s `at()` does: `date -d` reads the instant, and faketime gets "+/-seconds" from now.
 */
function faketimePrefix(at: string | undefined): string[] {
  if (!at?.trim()) return [];
  if (process.env.FAKETIME !== undefined) refuse('this process already runs under faketime.');
  const probe = spawnSync('faketime', ['-f', '+0', 'true']);
  if (probe.error || probe.status !== 0)
    refuse(
      'faketime is not installed or does not work (apt-get install faketime); ' +
        'unset BIANMIN_E2E_AT to run the flows at the real date.',
    );
  const parsed = spawnSync('date', ['-d', at, '+%s'], { encoding: 'utf8' });
  const seconds = parsed.stdout?.trim() ?? '';
  if (parsed.status !== 0 || !/^-?\d+$/.test(seconds))
    refuse(`not an instant that \`date -d\` reads (${parsed.stderr?.trim() || 'no output'}).`);
  const offset = Number(seconds) - Math.floor(Date.now() / 1000);
  const signed = offset >= 0 ? `+${offset}` : String(offset);
  console.log(`browser flows at ${at} (faketime -f ${signed} s, every process they start)`);
  return ['faketime', '-f', signed];
}

const shift = faketimePrefix(process.env.BIANMIN_E2E_AT);
const at = shift.length > 0 ? ` at ${process.env.BIANMIN_E2E_AT}` : '';

function run(extra: string[], env: NodeJS.ProcessEnv, inherit: boolean) {
  const command = [...shift, process.execPath, vitest, 'run', '--config', 'vitest.config.ts'];
  const child = spawn(command[0]!, [...command.slice(1), ...extra], {
    cwd: here,
    env: { ...process.env, ...env },
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise<{ code: number; output: string }>((done) =>
    child.on('exit', (code) => done({ code: code ?? 1, output })),
  );
}

if (args.length > 0) {
  process.exit((await run(args, {}, true)).code);
}

const reports = mkdtempSync(join(tmpdir(), 'bianmin-e2e-report-'));
const started = performance.now();
const runs = GROUPS.map(async (group: Group) => {
  const report = join(reports, `group-${group}.json`);
  const result = await run(
    ['--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { BIANMIN_E2E_GROUP: String(group) },
    false,
  );
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  process.stdout.write(
    `\n======== browser flows${at}, group ${group} (${minutes} min) ========\n${result.output}`,
  );
  return { group, ...result, report };
});
const results = await Promise.all(runs);

const failed: string[] = [];
for (const { group, code, report } of results) {
  let parsed: JsonReport | null = null;
  try {
    parsed = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
  } catch {
    /* the run ended before writing its report */
  }
  if (code !== 0 && parsed === null) failed.push(`group ${group}: ended with ${code}, no report`);
  for (const file of parsed?.testResults ?? []) {
    const name = file.name.replace(`${here}/`, '');
    const tests = file.assertionResults.filter((t) => t.status === 'failed');
    for (const t of tests) failed.push(`group ${group}: ${name} › ${t.fullName}`);
    if (file.status === 'failed' && tests.length === 0)
      failed.push(`group ${group}: ${name}: ${(file.message ?? 'failed').split('\n')[0]}`);
  }
}
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
if (failed.length === 0 && results.every((r) => r.code === 0)) {
  console.log(`\nbrowser flows${at}: all passed in both groups (${minutes} min)`);
} else {
  console.log(
    `\nbrowser flows${at} FAILED (${minutes} min):\n${failed.map((f) => `  ✗ ${f}`).join('\n')}`,
  );
  process.exitCode = 1;
}
