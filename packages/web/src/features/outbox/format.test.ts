import { describe, expect, it } from 'vitest';
import { providerLabel, stateDetail, stateTag } from './format.ts';

describe('the delivery state of a text message', () => {
  it('names each state in Chinese with its colour', () => {
    expect(stateTag('pending')).toEqual({ label: '待发送', color: 'processing' });
    expect(stateTag('sent')).toEqual({ label: '已发送', color: 'success' });
    expect(stateTag('failed')).toEqual({ label: '发送失败', color: 'error' });
  });

  it('says when it went or when it is tried next', () => {
    const f = (iso: string) => iso.slice(11, 16);
    expect(
      stateDetail({ state: 'sent', sentAt: '2026-03-02T01:05:00Z', nextAttemptAt: null }, f),
    ).toBe('发送于 01:05');
    expect(
      stateDetail({ state: 'pending', sentAt: null, nextAttemptAt: '2026-03-02T01:07:00Z' }, f),
    ).toBe('下次尝试：01:07');
    expect(stateDetail({ state: 'failed', sentAt: null, nextAttemptAt: null }, f)).toBeNull();
  });

  it('names the gateways', () => {
    expect(providerLabel('log')).toBe('未配置（只记录）');
    expect(providerLabel('aliyun')).toBe('阿里云短信');
    expect(providerLabel('other')).toBe('other');
    expect(providerLabel(null)).toBeNull();
  });
});
