import type { Page } from 'playwright-core';
import { inject } from 'vitest';

/**
 * The periods the flows work in, taken from the server (its clock and the demo center's data),
 * never from the test's own calendar: the demo is dated back from the server's clock
 * (packages/server/src/demo/timeline.ts), and CI runs the suite at other dates too.
 */

/** Today in Beijing as the server counts it. */
export async function serverToday(): Promise<string> {
  const health = (await (await fetch(`${inject('baseUrl')}/api/health`)).json()) as { now: string };
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(health.now),
  );
}

export interface HalfYearInfo {
  year: number;
  half: 1 | 2;
  /** '2026年上半年', as the console writes it. */
  label: string;
  /** A date inside it: the 15th of its last month. */
  lateDate: string;
}

const info = (year: number, half: 1 | 2): HalfYearInfo => ({
  year,
  half,
  label: `${year}年${half === 1 ? '上' : '下'}半年`,
  lateDate: `${year}-${half === 1 ? '06' : '12'}-15`,
});

/** The latest half-year that is over (the demo leaves it for the group leader to approve), and the next. */
export async function halfYearToApprove(): Promise<{ over: HalfYearInfo; next: HalfYearInfo }> {
  const today = await serverToday();
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) <= 6
    ? { over: info(year - 1, 2), next: info(year, 1) }
    : { over: info(year, 1), next: info(year, 2) };
}

/**
 * The demo's rated year: the latest year in which the group decided ratings (李娜's is left open),
 * looked up by a page signed in as a member of the assessment group.
 */
export async function ratedYear(page: Page): Promise<number> {
  const today = await serverToday();
  let rated: number | null = null;
  for (let y = 2023; y <= Number(today.slice(0, 4)); y += 1) {
    const sheet = (await (
      await page.request.get(`${inject('baseUrl')}/api/evaluations/${y}`)
    ).json()) as {
      people?: { decided: unknown }[];
    };
    if (sheet.people?.some((p) => p.decided !== null)) rated = y;
  }
  if (rated === null) throw new Error('the demo center has no year with decided ratings');
  return rated;
}
