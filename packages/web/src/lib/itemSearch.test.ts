import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemMatch, MATCH, searchItems, type SearchableItem } from './itemSearch.ts';

const item = (name: string, aliases: string[], pinyin: string, initials: string, code = '') => ({
  code,
  name,
  aliases,
  pinyin,
  initials,
});

// The keys as the server makes them (catalog/search-keys.ts, tested there against pinyin-pro).
const items = [
  item(
    '最低生活保障申请',
    ['低保'],
    'zuidishenghuobaozhangshenqing dibao',
    'zdshbzsq db',
    'MZ-001',
  ),
  item('高龄津贴申领', ['老年补贴'], 'gaolingjintieshenling laonianbutie', 'gljtsl lnbt', 'MZ-004'),
  item('临时救助申请', [], 'linshijiuzhushenqing', 'lsjzsq', 'MZ-002'),
  item('特困人员救助供养', ['五保'], 'tekunrenyuanjiuzhugongyang wubao', 'tkryjzgy wb', 'MZ-009'),
  item(
    '个体工商户设立登记',
    ['营业执照'],
    'getigongshanghushelidengji yingyezhizhao',
    'gtgshsldj yyzz',
    'SC-001',
  ),
];
const names = (typed: string) => searchItems(items, typed).map((i) => i.name);

describe('finding a service item by what a person types', () => {
  it('finds by the common name people use', () => {
    expect(names('低保')).toEqual(['最低生活保障申请']);
    expect(names('五保')).toEqual(['特困人员救助供养']);
  });

  it('finds by pinyin and by initials, whatever the case and spaces', () => {
    expect(names('dibao')).toEqual(['最低生活保障申请']);
    expect(names('ZDSH')).toEqual(['最低生活保障申请']);
    expect(names(' gl jt ')).toEqual(['高龄津贴申领']);
    expect(names('db')).toEqual(['最低生活保障申请']);
  });

  it('finds by the catalog code at the window', () => {
    expect(names('mz-004')).toEqual(['高龄津贴申领']);
  });

  it('finds a common name said together with part of the name: 低保申请, dbsq, dibaoshenqing', () => {
    expect(names('低保申请')).toEqual(['最低生活保障申请']);
    expect(names('dbsq')).toEqual(['最低生活保障申请']);
    expect(names('dibaoshenqing')).toEqual(['最低生活保障申请']);
    // Still typing the last piece.
    expect(names('低保申')).toEqual(['最低生活保障申请']);
    expect(itemMatch(items[0]!, 'dbsq')).toBe(MATCH.pieces);
  });

  it('does not mix a piece of Chinese with one of pinyin, nor make words of stray letters', () => {
    expect(names('低保shenqing')).toEqual([]);
    // Two letters of pinyin are not a piece (every name has an "an" or a "zh" somewhere).
    expect(names('zhsh')).toEqual([]);
    expect(names('护照')).toEqual([]);
  });

  it('puts the items whose name matches before those found another way, then pieces', () => {
    expect(names('救助')).toEqual(['临时救助申请', '特困人员救助供养']);
    expect(names('jz')).toEqual(['临时救助申请', '特困人员救助供养']);
    // 营业执照 is a common name of 个体工商户设立登记: found, after those whose name has 登记.
    expect(names('营业执照登记')).toEqual(['个体工商户设立登记']);
    expect(itemMatch(items[4]!, '营业执照登记')).toBe(MATCH.pieces);
  });

  it('finds everything for an empty search, in the list order', () => {
    expect(names('  ')).toEqual(items.map((i) => i.name));
  });

  it('finds an item by any part of its own name, and finds each item at most once', () => {
    fc.assert(
      fc.property(fc.constantFrom(...items), fc.nat(), fc.nat(), (it, a, b) => {
        const from = a % it.name.length;
        const part = it.name.slice(from, from + 1 + (b % (it.name.length - from)));
        const found = searchItems(items, part);
        expect(found).toContain(it);
        expect(itemMatch(it, part)).toBe(MATCH.name);
        // Best matches first.
        const ranks = found.map((f) => itemMatch(f, part) ?? -1);
        expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
        expect(new Set(found).size).toBe(found.length);
      }),
    );
  });

  it('finds by every common name and its pinyin, whatever else is in the list', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(items, { minLength: 1 }), (list) => {
        for (const it of list as SearchableItem[]) {
          for (const alias of it.aliases) expect(searchItems(list, alias)).toContain(it);
          for (const key of it.pinyin.split(' ')) expect(searchItems(list, key)).toContain(it);
          for (const key of it.initials.split(' ')) expect(searchItems(list, key)).toContain(it);
        }
      }),
    );
  });
});
