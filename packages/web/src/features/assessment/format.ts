import { formatYuan } from '@bianmin/domain';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_TYPES,
  type EvidenceType,
  type HalfYear,
  type PersonSettlement,
} from '../../api/assessment.ts';
import { t } from '../../locale/zh-CN.ts';

const S = t.assessmentShared;

/** Fen as yuan with two decimals and the unit: 90000 → '900.00 元'. */
export const money = (fen: number): string => S.yuan(formatYuan(fen));

/** An amount that may go either way, with its sign: '+900.00 元', '-300.00 元', '0.00 元'. */
export const signedMoney = (fen: number): string =>
  fen > 0 ? `+${money(fen)}` : fen < 0 ? `-${money(-fen)}` : money(0);

/** The half-year a date (`YYYY-MM-DD`) falls in. */
export function halfYearOf(date: string): HalfYear {
  return { year: Number(date.slice(0, 4)), half: Number(date.slice(5, 7)) <= 6 ? 1 : 2 };
}

export const previousHalfYear = (h: HalfYear): HalfYear =>
  h.half === 2 ? { year: h.year, half: 1 } : { year: h.year - 1, half: 2 };

export const halfYearLabel = (h: HalfYear): string => S.halfYear(h.year, h.half);

/** A half-year as a Select value and back: '2026-1'. */
export const halfYearKey = (h: HalfYear): string => `${h.year}-${h.half}`;
export function parseHalfYearKey(key: string): HalfYear | null {
  const m = /^(\d{4})-([12])$/.exec(key);
  return m ? { year: Number(m[1]), half: m[2] === '1' ? 1 : 2 } : null;
}

/** The last half-year that is over on `today`: the one a settlement is approved for. */
export const latestEndedHalfYear = (today: string): HalfYear => previousHalfYear(halfYearOf(today));

/**
 * The half-years to pick from, newest first: the running one (marked as such) and the `years`
 * years before it.
 */
export function halfYearOptions(today: string, years = 4): { value: string; label: string }[] {
  const current = halfYearOf(today);
  const out: { value: string; label: string }[] = [];
  let h = current;
  for (let i = 0; i <= years * 2; i++) {
    const label = halfYearLabel(h);
    out.push({
      value: halfYearKey(h),
      label: i === 0 ? `${label}${S.halfYearOngoing}` : label,
    });
    h = previousHalfYear(h);
  }
  return out;
}

/** '考核内容第三项：上下班签到…'. */
export const itemLabel = (item: number): string => S.itemFull(item, S.items[item] ?? '');

/** '县级巡查' / '县级巡查通报' / '县级巡查（未通报）'. */
export function levelText(level: string, circulated: boolean): string {
  const name = S.levels[level] ?? level;
  if (!isHigherLevel(level)) return name;
  return circulated ? `${name}${S.circulated}` : `${name}（${S.notCirculated}）`;
}

/** An appeal's change (`{ level, circulated }` as stored), as the finding now reads; null if none. */
export function changeText(change: unknown, before: { level: string; circulated: boolean } | null) {
  if (typeof change !== 'object' || change === null) return null;
  const c = change as { level?: unknown; circulated?: unknown };
  const level = typeof c.level === 'string' ? c.level : before?.level;
  if (!level) return null;
  const circulated = typeof c.circulated === 'boolean' ? c.circulated : !!before?.circulated;
  return t.appeals.changeLine(levelText(level, circulated));
}

/** County, city and province inspections: only there does 通报 matter. */
export const isHigherLevel = (level: string | undefined): boolean =>
  level === 'county' || level === 'city' || level === 'province';

/** A file size as people say it: '5 MB', '320 KB'. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  }
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const EXTENSION_TYPES: Record<string, EvidenceType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/**
 * The Content-Type to upload a file as: the browser's own when it is one the server takes, else by
 * the file name's extension (some systems give scans no type); null when it is neither.
 */
export function evidenceTypeOf(file: { name: string; type: string }): EvidenceType | null {
  if ((EVIDENCE_TYPES as readonly string[]).includes(file.type)) return file.type as EvidenceType;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[ext] ?? null;
}

/** Why a file cannot be evidence (type, size), or null when it can be sent. */
export function evidenceProblem(file: { name: string; type: string; size: number }): string | null {
  const L = t.inspections;
  if (evidenceTypeOf(file) === null) return L.badType(S.evidenceTypes);
  if (file.size === 0) return L.emptyFile;
  if (file.size > EVIDENCE_MAX_BYTES) return L.tooLarge(formatBytes(EVIDENCE_MAX_BYTES));
  return null;
}

/** How the amount due comes about, in one sentence, and what is carried or written off. */
export function settlementSummary(p: PersonSettlement): string[] {
  const refund = p.adjustmentFen > 0 ? money(p.adjustmentFen) : null;
  const lines = [S.formula(money(p.payableFen), money(p.poolFen), money(p.appliedFen), refund)];
  if (p.carriedOutFen > 0) lines.push(S.carriedNote(money(p.carriedOutFen)));
  if (p.writtenOffFen > 0) lines.push(S.writtenOffNote(money(p.writtenOffFen)));
  return lines;
}

/** A server field (`findings.0.staffId`, `findings[0].staffId`) as a form name path. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/[.[\]/]/)
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** '300.00' (yuan, up to two decimals) as whole fen, without floating point; null if unreadable. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
