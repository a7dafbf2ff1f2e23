import { describe, expect, it } from 'vitest';
import { searchKeys } from './search-keys.ts';

describe('the search keys of a guide item', () => {
  it('gives the pinyin and the initials of the name and of each common name', () => {
    expect(searchKeys(['最低生活保障申请', '低保'])).toEqual({
      pinyin: 'zuidishenghuobaozhangshenqing dibao',
      initials: 'zdshbzsq db',
    });
  });

  it('reads a word as it is said (重 in 重庆, 行 in 银行) and writes ü as v', () => {
    expect(searchKeys(['重庆银行', '绿色通道']).pinyin).toBe('chongqingyinhang lvsetongdao');
  });

  it('keeps letters and digits, drops punctuation and spaces', () => {
    expect(searchKeys(['IC 卡（补办）', '——'])).toEqual({ pinyin: 'ickabuban', initials: 'ickbb' });
  });
});
