import type { PortalGuideItem } from '@bianmin/contracts';

/** What a person typed, as compared: lower case, without spaces (full-width ones too). */
const normal = (s: string) => s.toLowerCase().replace(/[\s\u3000]+/g, '');

/**
 * The guide's items a search finds: by name, by a common name (低保 finds 最低生活保障), by pinyin
 * (dibao) or by pinyin initials (zdshbz). Items whose name matches come first; the order is the
 * guide's otherwise. An empty search finds everything.
 */
export function searchGuide(items: readonly PortalGuideItem[], typed: string): PortalGuideItem[] {
  const q = normal(typed);
  if (q === '') return [...items];
  const byName: PortalGuideItem[] = [];
  const other: PortalGuideItem[] = [];
  for (const item of items) {
    if (normal(item.name).includes(q)) byName.push(item);
    else if (
      item.aliases.some((a) => normal(a).includes(q)) ||
      item.pinyin.split(' ').some((p) => p.includes(q)) ||
      item.initials.split(' ').some((p) => p.includes(q))
    )
      other.push(item);
  }
  return [...byName, ...other];
}
