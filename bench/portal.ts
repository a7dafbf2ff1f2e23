/**
 * The citizens' portal as a phone loads it: `npm run bench:portal` (docs/perf.md, "The portal").
 *
 * Starts the server as in production (main.ts, the built web app in packages/web/dist, a fresh
 * PGlite folder with the demo center) and runs Lighthouse 12 (`npx lighthouse@12`, its default
 * mobile profile: a mid-range phone, 4× CPU slow-down, slow 4G) with Debian's Chromium on each
 * portal page, N times. Reports per page the median performance and accessibility scores, LCP,
 * TBT, and the JavaScript the page loaded (bytes on the wire — brotli, as the server sends it — and
 * uncompressed). Build first: `npm run build`.
 *
 * Options: --runs N (3), --chromium PATH (/usr/bin/chromium). Results: bench/results/portal.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gitDescribe } from './machine.ts';
import { REPO_ROOT, startServer } from './server.ts';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const runs = Number(opts.runs);

/**
 * The pages a citizen opens: the home page, the guide and one item, booking (the items, then an
 * item's days), the case query, the home-visit request and the complaint form.
 */
const PAGES = [
  { name: '首页 home', path: '/' },
  { name: '办事指南 guide', path: '/guide' },
  { name: '办事指南 search', path: '/guide?q=dibao' },
  { name: '网上预约 book', path: '/book' },
  { name: '网上预约 days', path: '/book?item=MZ-001' },
  { name: '办件查询 query', path: '/query' },
  { name: '上门服务 visit', path: '/visit' },
  { name: '投诉举报 report', path: '/report' },
];

interface Lhr {
  categories: Record<'performance' | 'accessibility', { score: number }>;
  audits: Record<
    string,
    {
      numericValue?: number;
      details?: {
        items?: { resourceType?: string; transferSize?: number; resourceSize?: number }[];
      };
    }
  >;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

/** One Lighthouse run; tried again up to twice when Chromium's trace fails (NO_NAVSTART happens). */
function lighthouse(url: string, outPath: string, attempt = 1): Lhr {
  try {
    runLighthouse(url, outPath);
  } catch (e) {
    if (attempt >= 3) throw e;
    return lighthouse(url, outPath, attempt + 1);
  }
  return JSON.parse(readFileSync(outPath, 'utf8')) as Lhr;
}

function runLighthouse(url: string, outPath: string): void {
  execFileSync(
    'npx',
    [
      '--yes',
      'lighthouse@12',
      url,
      `--chrome-path=${opts.chromium}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
      '--only-categories=performance,accessibility',
      '--output=json',
      `--output-path=${outPath}`,
      '--quiet',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHROME_PATH: opts.chromium } },
  );
}

async function main() {
  if (!existsSync(join(REPO_ROOT, 'packages/web/dist/index.html')))
    throw new Error('no built web app: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'bianmin-bench-portal-'));
  const server = await startServer({
    dataDir: join(work, 'data'),
    logPath: join(work, 'server.log'),
  });
  const results = [];
  try {
    // A phone that came from a poster's QR code (?c=): the center with the most items, one of them.
    const centers = (await (await fetch(`${server.baseUrl}/api/public/centers`)).json()) as {
      code: string;
    }[];
    const guides = await Promise.all(
      centers.map(async (c) => ({
        code: c.code,
        items: (
          (await (await fetch(`${server.baseUrl}/api/public/centers/${c.code}/guide`)).json()) as {
            items: { code: string }[];
          }
        ).items,
      })),
    );
    const center = guides.sort((a, b) => b.items.length - a.items.length)[0]!;
    const pages = [
      ...PAGES.slice(0, 3),
      { name: '事项详情 item', path: `/guide/${center.items[0]!.code}` },
      ...PAGES.slice(3),
    ].map((p) => ({ ...p, path: `${p.path}${p.path.includes('?') ? '&' : '?'}c=${center.code}` }));
    for (const page of pages) {
      const seen: Lhr[] = [];
      for (let i = 0; i < runs; i += 1)
        seen.push(
          lighthouse(
            `${server.baseUrl}${page.path}`,
            join(work, `lhr-${pages.indexOf(page)}-${i}.json`),
          ),
        );
      const js = (lhr: Lhr) =>
        (lhr.audits['network-requests']?.details?.items ?? []).filter(
          (r) => r.resourceType === 'Script',
        );
      const row = {
        page: page.name,
        path: page.path,
        performance: median(seen.map((l) => Math.round(l.categories.performance.score * 100))),
        accessibility: median(seen.map((l) => Math.round(l.categories.accessibility.score * 100))),
        lcpMs: median(
          seen.map((l) => Math.round(l.audits['largest-contentful-paint']!.numericValue!)),
        ),
        tbtMs: median(seen.map((l) => Math.round(l.audits['total-blocking-time']!.numericValue!))),
        jsFiles: js(seen[0]!).length,
        jsWireKB:
          Math.round(js(seen[0]!).reduce((s, r) => s + (r.transferSize ?? 0), 0) / 102.4) / 10,
        jsRawKB:
          Math.round(js(seen[0]!).reduce((s, r) => s + (r.resourceSize ?? 0), 0) / 102.4) / 10,
      };
      results.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    await server.stop();
  }
  console.table(results);
  console.log(`Lighthouse reports (JSON): ${work}`);
  mkdirSync(join(REPO_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(REPO_ROOT, 'bench/results/portal.json'),
    `${JSON.stringify({ at: new Date().toISOString(), git: gitDescribe(), runs, results }, null, 2)}\n`,
  );
}

await main();
