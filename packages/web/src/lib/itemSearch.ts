/**
 * Finding a service item by what a person types (shared by the portal's guide and booking and the
 * console's item pickers; nothing here may pull in more than itself — the portal's first load
 * counts every byte). The pinyin keys come from the server (catalog/search-keys.ts); the browser
 * never converts Chinese to pinyin itself.
 */

/** What an item is searched by: its names, and the pinyin keys the server made from them. */
export interface SearchableItem {
  name: string;
  /** The catalog code (MZ-001), when the list shows it. */
  code?: string;
  /** Common names people use (低保 for 最低生活保障). */
  aliases: readonly string[];
  /** Lower-case pinyin of the name and the common names, one word each: "zuidishenghuobaozhang dibao". */
  pinyin: string;
  /** Their initials, the same way: "zdshbz db". */
  initials: string;
}

/** What a person typed, as compared: lower case, without spaces (full-width ones too). */
export const normalTyped = (s: string) => s.toLowerCase().replace(/[\s\u3000]+/g, '');

/** How well an item matches: by its name or code first, then by a common name or pinyin. */
export const MATCH = { name: 0, other: 1, pieces: 2 } as const;
export type MatchRank = (typeof MATCH)[keyof typeof MATCH];

const words = (keys: string) => keys.split(' ').filter((w) => w !== '');

/**
 * Whether `q` is made of pieces each found in one of `keys`, in any order: 低保申请 = 低保 (a common
 * name) + 申请 (in the name); dbsq = db + sq; dibaoshenqing = dibao + shenqing. Every piece but the
 * last (the person may still be typing it) is at least `min` characters long, so that a few common
 * letters do not find everything.
 */
function inPieces(q: string, keys: readonly string[], min: number): boolean {
  if (keys.length === 0) return false;
  const reach = new Array<boolean>(q.length + 1).fill(false);
  reach[0] = true;
  for (let i = 0; i < q.length; i++) {
    if (!reach[i]) continue;
    for (let j = q.length; j > i; j--) {
      if (reach[j] || (j - i < min && j !== q.length)) continue;
      const piece = q.slice(i, j);
      if (keys.some((k) => k.includes(piece))) reach[j] = true;
    }
  }
  return reach[q.length] === true;
}

/**
 * How an item matches what was typed, or null when it does not: its name or code contains it
 * (MATCH.name); a common name, the pinyin or the initials do (MATCH.other: 低保, dibao, zdsh); or it is
 * made of pieces of the item's names, all of one kind — Chinese, pinyin or initials (MATCH.pieces:
 * 低保申请, dibaoshenqing, dbsq). An empty search matches everything by name.
 */
export function itemMatch(item: SearchableItem, typed: string): MatchRank | null {
  const q = normalTyped(typed);
  if (q === '') return MATCH.name;
  if (normalTyped(item.name).includes(q) || (item.code && normalTyped(item.code).includes(q)))
    return MATCH.name;
  const chinese = [normalTyped(item.name), ...item.aliases.map(normalTyped)];
  const pinyin = words(item.pinyin);
  const initials = words(item.initials);
  if (chinese.slice(1).some((a) => a.includes(q))) return MATCH.other;
  if (pinyin.some((p) => p.includes(q)) || initials.some((p) => p.includes(q))) return MATCH.other;
  // Pieces: two Chinese characters, three letters of pinyin, two initials at the least.
  if (inPieces(q, chinese, 2) || inPieces(q, pinyin, 3) || inPieces(q, initials, 2))
    return MATCH.pieces;
  return null;
}

/**
 * The items a search finds: those whose name matches first, then by a common name or pinyin, then
 * by pieces; the list's own order otherwise. An empty search finds everything.
 */
export function searchItems<T extends SearchableItem>(items: readonly T[], typed: string): T[] {
  const ranked: { item: T; rank: number; index: number }[] = [];
  items.forEach((item, index) => {
    const rank = itemMatch(item, typed);
    if (rank !== null) ranked.push({ item, rank, index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.item);
}
