import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHashPayload, canonicalJson, changedKeys } from './canonical.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes Chinese text as itself', () => {
    expect(canonicalJson({ name: '青石镇' })).toBe('{"name":"青石镇"}');
  });

  it('is the same for any key order and survives a JSON round trip (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const roundTrip = JSON.parse(JSON.stringify(value)) as unknown;
        return canonicalJson(roundTrip) === canonicalJson(JSON.parse(canonicalJson(value)));
      }),
    );
  });

  it('makes the hash payload depend on every field', () => {
    const base = {
      chain: 'center:1',
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      actorUserId: 1,
      actorName: 'a',
      action: 'x',
      entityType: 'staff',
      entityId: '1',
      before: null,
      after: { a: 1 },
      prevHash: '0',
    };
    const payload = auditHashPayload(base);
    for (const key of Object.keys(base) as (keyof typeof base)[]) {
      const changed = { ...base, [key]: key === 'seq' || key === 'actorUserId' ? 2 : 'other' };
      expect(auditHashPayload(changed), key).not.toBe(payload);
    }
  });
});

describe('changed keys', () => {
  it('names the fields whose values differ', () => {
    expect(changedKeys({ a: 1, b: { x: 1 }, c: 3 }, { a: 1, b: { x: 2 }, d: 4 })).toEqual([
      'b',
      'c',
      'd',
    ]);
  });
  it('treats a creation as every field changed', () => {
    expect(changedKeys(null, { a: 1, b: 2 })).toEqual(['a', 'b']);
  });
});
