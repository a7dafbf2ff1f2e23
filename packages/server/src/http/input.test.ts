import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nulPaths } from './input.ts';

const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !k.includes('\u0000'));
/** A JSON value with every U+0000 taken out of its strings and keys. */
function strip(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll('\u0000', '');
  if (Array.isArray(v)) return v.map(strip);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k.replaceAll('\u0000', ''), strip(x)]),
    );
  return v;
}
const clean = fc.jsonValue({ maxDepth: 4 }).map(strip);

describe('U+0000 in parsed input', () => {
  it('finds nothing in input without it (property)', () => {
    fc.assert(
      fc.property(clean, (v) => {
        expect(nulPaths(v)).toEqual([]);
      }),
    );
  });

  it('names the path of a string that holds it, at any depth (property)', () => {
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 5 }), fc.string(), (path, text) => {
        const value = path.reduceRight<unknown>((inner, k) => ({ [k]: inner }), `${text}\u0000`);
        expect(nulPaths(value)).toEqual([path.join('.')]);
      }),
    );
  });

  it('names array items, keys that hold it, and the whole input', () => {
    expect(nulPaths({ holidays: [{ name: 'ok' }, { name: 'a\u0000' }] })).toEqual([
      'holidays.1.name',
    ]);
    expect(nulPaths({ ['x\u0000']: 1, y: ['\u0000'] })).toEqual(['x\u0000', 'y.0']);
    expect(nulPaths('\u0000', 'q')).toEqual(['q']);
    expect(nulPaths(Buffer.from([0, 0, 0]))).toEqual([]);
  });

  it('walks any nesting without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nulPaths(deep)).toHaveLength(1);
  });
});
