import { describe, expect, it } from 'vitest';
import { maskIdentifier, maskPhone } from '../cases/identity.ts';
import { maskContact, maskName } from '../reports/reports.ts';
import { isMasked, RETENTION_DEFAULT_DAYS, RETENTION_KINDS, retentionCutoff } from './retention.ts';

describe('retention', () => {
  it('has a default for every kind, none for ever', () => {
    for (const kind of RETENTION_KINDS) expect(RETENTION_DEFAULT_DAYS[kind]).toBeGreaterThan(0);
  });
  it('cuts off whole days before now; 0 keeps for ever', () => {
    expect(retentionCutoff(10 * 86_400_000, 3)).toBe(7 * 86_400_000);
    expect(retentionCutoff(10 * 86_400_000, 0)).toBeNull();
  });
  it('what the job writes is recognised as masked, so a second run changes nothing', () => {
    for (const v of [
      maskIdentifier('330102199001011234'),
      maskPhone('13812345678'),
      maskPhone('0571-87654321'),
      maskName('张三'),
      maskName('欧阳小明'),
      maskContact('13812345678'),
      maskContact('浙江省杭州市西湖区文三路 1 号'),
    ])
      expect(isMasked(v), v).toBe(true);
    expect(isMasked('13812345678')).toBe(false);
  });
});
