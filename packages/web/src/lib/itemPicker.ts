import { itemMatch, type SearchableItem } from './itemSearch.ts';

/**
 * The search of a console Select of service items (接待登记, 预约登记, 上门服务): as the portal's
 * guide finds them — by name or code, by a common name (低保), by pinyin or initials (dibao, dbsq) —
 * the best matches first. The options' values are the items' ids.
 */
export function itemSearch<T extends SearchableItem & { id: number }>(items: readonly T[]) {
  const byId = new Map(items.map((i) => [i.id, i]));
  const rank = (value: unknown, typed: string) => {
    const item = typeof value === 'number' ? byId.get(value) : undefined;
    return item ? itemMatch(item, typed) : null;
  };
  return {
    filterOption: (input: string, option?: { value?: unknown }) =>
      rank(option?.value, input) !== null,
    filterSort: (a: { value?: unknown }, b: { value?: unknown }, info: { searchValue: string }) =>
      (rank(a.value, info.searchValue) ?? 9) - (rank(b.value, info.searchValue) ?? 9),
  };
}
