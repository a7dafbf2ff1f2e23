import { createRequire } from 'node:module';

/**
 * The State Council's holiday arrangements as published in the `chinese-days` package (2004–2026).
 * It silently treats years it lacks as plain weekdays, so only the years it has are offered.
 */
interface ChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDays;

export interface OfficialYear {
  year: number;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
}

/** "Spring Festival,春节,4" → "春节" */
const chineseName = (label: string) => label.split(',')[1] ?? label;

const pick = (days: Record<string, string>, year: number) =>
  Object.entries(days)
    .filter(([date]) => date.startsWith(`${year}-`))
    .map(([date, label]) => ({ date, name: chineseName(label) }))
    .sort((a, b) => a.date.localeCompare(b.date));

export function officialYear(year: number): OfficialYear | null {
  const holidays = pick(data.holidays, year);
  if (holidays.length === 0) return null;
  return { year, holidays, workdays: pick(data.workdays, year) };
}

/** The years a new center starts with. */
export const SEEDED_YEARS = [2023, 2024, 2025, 2026];

/** A township's usual timetable: summer hours from May, winter hours from October. */
export const DEFAULT_SEASONS = [
  { from: '05-01', open: '08:30', close: '18:00' },
  { from: '10-01', open: '08:30', close: '17:30' },
];
