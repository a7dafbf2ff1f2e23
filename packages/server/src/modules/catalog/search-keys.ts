import { pinyin } from 'pinyin-pro';

/** Lower-case letters and digits only: what a person types on a phone's keyboard. */
const typed = (syllables: string[]) =>
  syllables
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The pinyin of a text, a syllable each, without tones (ü as v: 绿 → lv); other text kept whole. */
const syllablesOf = (text: string, initials: boolean) =>
  pinyin(text, {
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
    v: true,
    ...(initials ? { pattern: 'first' as const } : {}),
  });

/**
 * What an item search matches an item by, besides its Chinese names (the portal's guide and the
 * console's item pickers, web/src/lib/itemSearch.ts): for each name (the item's, then its common
 * names) its whole pinyin and its initials, words joined by spaces —
 * 最低生活保障, 低保 → "zuidishenghuobaozhang dibao" and "zdshbz db".
 */
export function searchKeys(names: readonly string[]): { pinyin: string; initials: string } {
  const keys = (initials: boolean) =>
    names
      .map((n) => typed(syllablesOf(n, initials)))
      .filter((k) => k !== '')
      .join(' ');
  return { pinyin: keys(false), initials: keys(true) };
}
