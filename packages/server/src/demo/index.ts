import type { Deps } from '../http/context.ts';
import { seedDemoAnnouncements } from './announcements.ts';
import { seedDemoAssessment } from './assessment.ts';
import { seedDemoBookings } from './bookings.ts';
import { seedDemoCases } from './cases.ts';
import { seedDemoEvaluation } from './evaluation.ts';
import { seedDemoHistory } from './history.ts';
import { seedDemoRatings } from './ratings.ts';
import { seedDemoReports } from './reports.ts';
import { seedDemo } from './seed.ts';
import { seedDemoVisits } from './visits.ts';

/**
 * The whole demo, on a database without any center (otherwise nothing is done and null returned):
 * the centers and accounts, then a few weeks of cases, the settled half-years, public reports and
 * the rated year — each dated back from the clock — and bookings for the days ahead (demo/timeline.ts), through the real services.
 */
export async function seedDemoData(
  deps: Deps,
): Promise<{ visits: number; halfYears: number } | null> {
  if (!(await seedDemo(deps.db, deps.clock))) return null;
  const visits = await seedDemoCases(deps);
  const halfYears = await seedDemoAssessment(deps);
  // Public reports create findings, so they come after the settled half-years.
  await seedDemoReports(deps);
  // The ratings of the rated year, decided on the year's facts (findings and reports included).
  await seedDemoEvaluation(deps);
  // The announcements of every completed case of an announced item, once all cases are in.
  await seedDemoAnnouncements(deps);
  // Ratings of the completed cases (mostly good, one 差评 being followed up).
  await seedDemoRatings(deps);
  // Bookings for the next working days (after the cases: they take no part in the past).
  await seedDemoBookings(deps);
  // Home visits (the last week and the coming days) and the latest weekend's call-outs.
  await seedDemoVisits(deps);
  // Closed cases of the last twelve months and this one so far, for 办件统计's year (last:
  // nothing above reads them).
  await seedDemoHistory(deps);
  return { visits, halfYears };
}
