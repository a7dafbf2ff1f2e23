import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditHashPayload,
  auditHashPayloadV2,
  canonicalJson,
  CanonicalText,
  changedKeys,
  mayFollow,
} from './canonical.ts';

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

  it('takes a part written already as the same text (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (part, other) => {
        const whole = { part, other, list: [part] };
        const written = new CanonicalText(canonicalJson(part));
        return canonicalJson({ part: written, other, list: [written] }) === canonicalJson(whole);
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

describe('audit hash version 2', () => {
  const base = {
    chain: 'center:1',
    centerId: 1,
    seq: 1,
    at: '2026-01-01T00:00:00.000Z',
    actorUserId: 1,
    actorName: 'a',
    action: 'x',
    entityType: 'staff',
    entityId: '1',
    before: null,
    after: { a: 1 },
    ip: '10.0.0.1',
    requestId: 'r-1',
    prevHash: '0',
    keyId: 'k1',
  };

  it('depends on every stored column, the address, request id and center included', () => {
    const payload = auditHashPayloadV2(base);
    for (const key of Object.keys(base) as (keyof typeof base)[]) {
      const numeric = key === 'seq' || key === 'actorUserId' || key === 'centerId';
      const changed = { ...base, [key]: numeric ? 2 : 'other' };
      expect(auditHashPayloadV2(changed), key).not.toBe(payload);
      if (base[key] !== null && key !== 'chain')
        expect(auditHashPayloadV2({ ...base, [key]: null }), `${key} null`).not.toBe(payload);
    }
  });

  it('never equals a version-1 payload of the same entry', () => {
    expect(auditHashPayloadV2(base)).not.toBe(auditHashPayload(base));
  });
});

describe('the order of hash versions in a chain', () => {
  const entry = fc.record({
    hashVersion: fc.constantFrom(1, 2),
    keyId: fc.option(fc.constantFrom('k1', 'k2'), { nil: null }),
  });

  it('never lets a version go back, nor a signed chain continue unsigned (property)', () => {
    fc.assert(
      fc.property(entry, entry, (prev, next) => {
        const ok = mayFollow(prev, next);
        if (next.hashVersion < prev.hashVersion) expect(ok).toBe(false);
        else if (prev.keyId !== null && next.keyId === null) expect(ok).toBe(false);
        else expect(ok).toBe(true);
      }),
    );
  });

  it('lets a chain start anyhow and move from plain hashes to a key', () => {
    expect(mayFollow(null, { hashVersion: 1, keyId: null })).toBe(true);
    expect(mayFollow({ hashVersion: 1, keyId: null }, { hashVersion: 2, keyId: 'k1' })).toBe(true);
    expect(mayFollow({ hashVersion: 2, keyId: 'k1' }, { hashVersion: 2, keyId: null })).toBe(false);
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
