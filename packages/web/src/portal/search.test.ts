import type { PortalGuideItem } from '@bianmin/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchGuide } from './search.ts';

const item = (name: string, aliases: string[], pinyin: string, initials: string) =>
  ({ code: name, name, aliases, pinyin, initials }) as PortalGuideItem;

const items = [
  item('最低生活保障申请', ['低保'], 'zuidishenghuobaozhangshenqing dibao', 'zdshbzsq db'),
  item('高龄津贴申领', ['老年补贴'], 'gaolingjintieshenling laonianbutie', 'gljtsl lnbt'),
  item('临时救助', [], 'linshijiuzhu', 'lsjz'),
  item('特困人员救助供养', ['五保'], 'tekunrenyuanjiuzhugongyang wubao', 'tkryjzgy wb'),
];
const names = (typed: string) => searchGuide(items, typed).map((i) => i.name);

describe('searching the service guide', () => {
  it('finds by the common name people use', () => {
    expect(names('低保')).toEqual(['最低生活保障申请']);
    expect(names('五保')).toEqual(['特困人员救助供养']);
  });

  it('finds by pinyin and by initials, whatever the case and spaces', () => {
    expect(names('dibao')).toEqual(['最低生活保障申请']);
    expect(names('ZDSH')).toEqual(['最低生活保障申请']);
    expect(names(' gl jt ')).toEqual(['高龄津贴申领']);
  });

  it('puts the items whose name matches before those found another way', () => {
    expect(names('救助')).toEqual(['临时救助', '特困人员救助供养']);
    expect(names('jz')).toEqual(['临时救助', '特困人员救助供养']);
  });

  it('finds everything for an empty search and nothing for a word no item has', () => {
    expect(names('  ')).toHaveLength(items.length);
    expect(names('护照')).toEqual([]);
  });

  it('finds an item by any part of its own name, and finds each item at most once', () => {
    fc.assert(
      fc.property(fc.constantFrom(...items), fc.nat(), fc.nat(), (it, a, b) => {
        const from = a % it.name.length;
        const part = it.name.slice(from, from + 1 + (b % (it.name.length - from)));
        const found = searchGuide(items, part);
        expect(found).toContain(it);
        expect(new Set(found).size).toBe(found.length);
      }),
    );
  });
});
