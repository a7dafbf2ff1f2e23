import type { AcceptedKind } from '@bianmin/domain';
import type {
  CreateServiceItemBody,
  ServiceItem,
  UpdateServiceItemBody,
} from '../../api/catalog.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.catalog;

/** Bullets and numbering a pasted list may carry: `1.` `1、` `(1)` `（一）` `①` `-` `•`. */
const LEADING_MARK =
  /^\s*(?:\d{1,3}\s*[.、．)）](?!\d)|[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]|[一二三四五六七八九十]{1,3}\s*、|[①-⑳]|[-–—•·*●○■□])\s*/;

/**
 * The lines of pasted text, as list entries: trimmed (full-width spaces too), numbering and bullets
 * removed, blank lines and repeats dropped.
 */
export function splitLines(text: string): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw
      .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
      .replace(LEADING_MARK, '')
      .trim();
    if (line === '' || seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return lines;
}

/**
 * The list after pasting `pasted` lines at row `index`: an empty row takes the first line, the rest
 * follow it; lines the list already has elsewhere are left out.
 */
export function spliceLines(list: readonly string[], index: number, pasted: readonly string[]) {
  const others = new Set(list.filter((_, i) => i !== index).map((s) => s.trim()));
  const fresh = pasted.filter((line) => !others.has(line));
  const current = (list[index] ?? '').trim();
  const insert = current === '' ? fresh : fresh.filter((line) => line !== current);
  const keep = current === '' ? [] : [list[index] ?? ''];
  return [...list.slice(0, index), ...keep, ...insert, ...list.slice(index + 1)];
}

/** Indexes of lines that repeat an earlier line (ignoring surrounding spaces). */
export function duplicateIndexes(list: readonly (string | undefined)[]): number[] {
  const seen = new Set<string>();
  const dupes: number[] = [];
  list.forEach((s, i) => {
    const key = (s ?? '').trim();
    if (key === '') return;
    if (seen.has(key)) dupes.push(i);
    seen.add(key);
  });
  return dupes;
}

/** A yuan amount as the API takes it: up to 7 digits, up to 2 decimals. */
export const AMOUNT_PATTERN = /^\d{1,7}(\.\d{1,2})?$/;

/** `10.5` → 1050 fen; null when it is not an amount. */
export function toFen(amount: string): number | null {
  const s = amount.trim();
  if (!AMOUNT_PATTERN.test(s)) return null;
  const [yuan = '0', fen = ''] = s.split('.');
  return Number(yuan) * 100 + Number(fen.padEnd(2, '0'));
}

/** 1050 → `10.50`, 1000 → `10` */
export function formatYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, '0')}`;
}

/** What the list says about an item's fees: `不收费`, or `2 项，合计 15.50 元`. */
export function feesSummary(fees: readonly { amount: string }[]): string {
  if (fees.length === 0) return L.feesNone;
  const total = fees.reduce((sum, f) => sum + (toFen(f.amount) ?? 0), 0);
  return L.feesSummary(fees.length, formatYuan(total));
}

/** A term in the unit of its kind: petitions count calendar days, the others working days. */
export function termText(kind: AcceptedKind, days: number): string {
  return kind === 'petition' ? L.termCalendar(days) : L.termWorking(days);
}

/**
 * An item's term as the list shows it, a part per line: `即办（30 分钟）`, or `承诺 5 个工作日` and
 * `法定 20 个工作日`; a petition without its own term takes the center's petition term.
 */
export function itemTermParts(
  item: Pick<ServiceItem, 'defaultKind' | 'promisedDays' | 'legalDays'>,
  petitionDays: number | null,
): string[] {
  const kind = item.defaultKind;
  if (kind === 'immediate') return [L.termImmediate];
  const parts: string[] = [];
  if (item.promisedDays !== null) parts.push(L.termPromised(termText(kind, item.promisedDays)));
  else if (kind === 'petition' && petitionDays !== null)
    parts.push(L.termPromised(L.termPetitionDefault(petitionDays)));
  if (item.legalDays !== null) parts.push(L.termLegal(termText(kind, item.legalDays)));
  return parts.length > 0 ? parts : [L.termMissing];
}

/** The same on one line: `承诺 5 个工作日 · 法定 20 个工作日`. */
export const itemTermText = (
  item: Pick<ServiceItem, 'defaultKind' | 'promisedDays' | 'legalDays'>,
  petitionDays: number | null,
) => itemTermParts(item, petitionDays).join(' · ');

/** The item form's values. */
export interface ItemValues {
  code: string;
  name: string;
  windowUnitId: number;
  defaultKind: AcceptedKind;
  promisedDays?: number | null;
  legalDays?: number | null;
  materials?: string[];
  fees?: { name: string; amount: string; basis: string }[];
  announce: boolean;
  jointWindowIds?: number[];
  aliases?: string[];
  appointment: boolean;
  homeVisit: boolean;
  active: boolean;
}

export function itemToValues(item: ServiceItem | null): Partial<ItemValues> {
  if (!item) {
    return {
      defaultKind: 'promised',
      materials: [''],
      fees: [],
      announce: false,
      jointWindowIds: [],
      aliases: [],
      appointment: false,
      homeVisit: false,
      active: true,
    };
  }
  return {
    code: item.code,
    name: item.name,
    windowUnitId: item.windowUnitId,
    defaultKind: item.defaultKind,
    promisedDays: item.promisedDays,
    legalDays: item.legalDays,
    materials: item.materials.length > 0 ? [...item.materials] : [''],
    fees: item.fees.map((f) => ({ ...f })),
    announce: item.announce,
    jointWindowIds: [...item.jointWindowIds],
    aliases: [...item.aliases],
    appointment: item.appointment,
    homeVisit: item.homeVisit,
    active: item.active,
  };
}

/** As the contract: up to 20 common names of up to 40 characters each. */
const MAX_ALIASES = 20;
const MAX_ALIAS_LENGTH = 40;

/** What is wrong with the common names typed, in the clerk's words; null when nothing. */
export function aliasesProblem(list: readonly string[]): string | null {
  const names = uniqueTrimmed(list);
  if (names.length > MAX_ALIASES) return L.aliasesTooMany(MAX_ALIASES);
  const long = names.find((a) => a.length > MAX_ALIAS_LENGTH);
  return long === undefined ? null : L.aliasTooLong(long, MAX_ALIAS_LENGTH);
}

/** The common names as typed: trimmed, empty ones and repeats left out. */
export const uniqueTrimmed = (list: readonly string[]) => [
  ...new Set(list.map((s) => s.trim()).filter((s) => s !== '')),
];

/**
 * What the form sends. Rows keep their places (the form requires every row filled), so that the
 * server's `materials.2` or `fees.1.amount` points at the row the clerk sees; only one empty last
 * material row, left by "添加材料", is dropped.
 */
export function valuesToBody(v: ItemValues): Omit<CreateServiceItemBody, 'code'> {
  const immediate = v.defaultKind === 'immediate';
  const materials = (v.materials ?? []).map((m) => (m ?? '').trim());
  while (materials.length > 0 && materials[materials.length - 1] === '') materials.pop();
  return {
    name: v.name.trim(),
    windowUnitId: v.windowUnitId,
    defaultKind: v.defaultKind,
    promisedDays: immediate ? null : (v.promisedDays ?? null),
    legalDays: immediate ? null : (v.legalDays ?? null),
    materials,
    fees: (v.fees ?? []).map((f) => ({
      name: f.name.trim(),
      amount: f.amount.trim(),
      basis: f.basis.trim(),
    })),
    announce: v.announce,
    jointWindowIds: v.jointWindowIds ?? [],
    aliases: uniqueTrimmed(v.aliases ?? []),
    appointment: v.appointment,
    homeVisit: v.homeVisit,
  };
}

export function createBody(v: ItemValues): CreateServiceItemBody {
  return { code: v.code.trim(), ...valuesToBody(v) };
}

export function updateBody(v: ItemValues, version: number): UpdateServiceItemBody {
  return { ...valuesToBody(v), active: v.active, version };
}

/** Form fields a server refusal may name as they are. */
const TOP_LEVEL = [
  'code',
  'name',
  'windowUnitId',
  'defaultKind',
  'promisedDays',
  'legalDays',
  'announce',
  'jointWindowIds',
  'appointment',
  'homeVisit',
  'active',
] as const;

/**
 * The form field a server refusal is about: `code` → `code`, `materials.2` → `['materials', 2]`,
 * `fees.1.amount` → `['fees', 1, 'amount']`, `fees.1` → its name box. Null for fields the form has no
 * box for.
 */
export function itemFieldPath(field: string): string | (string | number)[] | null {
  const parts = field.split(/[.[\]/]/).filter((s) => s !== '');
  const [head, index, sub] = parts;
  const n = index !== undefined && /^\d+$/.test(index) ? Number(index) : null;
  if (head === undefined) return null;
  if ((TOP_LEVEL as readonly string[]).includes(head)) return head;
  if (head === 'materials') return n === null ? null : ['materials', n];
  // One box holds every common name: a refusal of any of them shows under it.
  if (head === 'aliases') return 'aliases';
  if (head === 'fees') {
    if (n === null) return null;
    return ['fees', n, sub === 'amount' || sub === 'basis' ? sub : 'name'];
  }
  return null;
}
