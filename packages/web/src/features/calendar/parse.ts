import { t } from '../../locale/zh-CN.ts';

const P = t.calendar.parse;

/** One day read from the clerk's text, with the line it came from (1-based). */
export interface ParsedDay {
  date: string;
  name: string;
  line: number;
}

export type ParseResult =
  { ok: true; days: ParsedDay[] } | { ok: false; line: number; error: string };

/** The longest range one line may hold (the Spring Festival is 7–9 days; a typo is not). */
export const MAX_RANGE_DAYS = 31;
/** The server keeps a day's name up to 20 characters. */
export const MAX_NAME_LENGTH = 20;

const DATE = String.raw`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})`;
// A date, optionally `~`, `～`, `至`, `-` or a dash and a second full date, then the name.
const LINE = new RegExp(String.raw`^${DATE}(?:\s*(?:~|～|至|到|-|—|–|－)\s*${DATE})?\s*(.*)$`);

const DAY_MS = 86_400_000;

/** Midnight UTC of a real date, or null (2027-02-30 is not one). */
function utcDay(y: string, m: string, d: string): number | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  return back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day
    ? ms
    : null;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Reads the days a clerk copied from the State Council notice, one entry a line: `2027-01-01 元旦`
 * or a range `2027-02-06~2027-02-12 春节` (also `至` or `-` between two full dates). Ranges become
 * one entry per day; blank lines are skipped; full-width spaces count as spaces. The first line
 * that cannot be read is reported by its number.
 */
export function parseDays(text: string): ParseResult {
  const days: ParsedDay[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    const clean = raw.replace(/[\u3000\u00a0\t]/g, ' ').trim();
    if (clean === '') continue;
    const m = LINE.exec(clean);
    if (!m) return { ok: false, line, error: P.unreadable(line, clean) };
    const [, y1, m1, d1, y2, m2, d2, rest] = m as unknown as string[];
    const name = (rest ?? '').replace(/^[\s:：,，、]+/, '').trim();
    if (name.length > MAX_NAME_LENGTH) {
      return { ok: false, line, error: P.nameTooLong(line, MAX_NAME_LENGTH) };
    }
    const from = utcDay(y1!, m1!, d1!);
    if (from === null) return { ok: false, line, error: P.badDate(line, `${y1}-${m1}-${d1}`) };
    let to = from;
    if (y2 !== undefined) {
      const end = utcDay(y2, m2!, d2!);
      if (end === null) return { ok: false, line, error: P.badDate(line, `${y2}-${m2}-${d2}`) };
      to = end;
    }
    if (to < from) return { ok: false, line, error: P.reversed(line) };
    if ((to - from) / DAY_MS + 1 > MAX_RANGE_DAYS) {
      return { ok: false, line, error: P.tooLong(line, MAX_RANGE_DAYS) };
    }
    for (let ms = from; ms <= to; ms += DAY_MS) days.push({ date: isoDay(ms), name, line });
  }
  return { ok: true, days };
}

/** The days of a stored year back as text the parser reads: consecutive days of one name as a range. */
export function formatDays(days: readonly { date: string; name: string }[]): string {
  return groupDays(days)
    .map((g) => {
      const when = g.from === g.to ? g.from : `${g.from}~${g.to}`;
      return g.name ? `${when} ${g.name}` : when;
    })
    .join('\n');
}

export interface DayGroup {
  from: string;
  to: string;
  name: string;
  count: number;
}

/** Sorted days, consecutive ones of the same name joined (for showing and for editing). */
export function groupDays(days: readonly { date: string; name: string }[]): DayGroup[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const groups: DayGroup[] = [];
  for (const d of sorted) {
    const last = groups.at(-1);
    const next = last ? isoDay(Date.parse(`${last.to}T00:00:00Z`) + DAY_MS) : null;
    if (last && next === d.date && last.name === d.name) {
      last.to = d.date;
      last.count += 1;
    } else {
      groups.push({ from: d.date, to: d.date, name: d.name, count: 1 });
    }
  }
  return groups;
}
