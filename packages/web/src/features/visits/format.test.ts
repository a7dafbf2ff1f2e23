import { describe, expect, it } from 'vitest';
import { dayjs } from '../../lib/time.ts';
import { beijingInstant, calloutFindingText, shortDate, visitActions } from './format.ts';

describe('visit actions', () => {
  it('offers what the state machine allows', () => {
    expect(visitActions({ status: 'requested' })).toEqual({
      schedule: true,
      reschedule: false,
      record: false,
      cancel: true,
    });
    expect(visitActions({ status: 'scheduled' })).toEqual({
      schedule: false,
      reschedule: true,
      record: true,
      cancel: true,
    });
    for (const status of ['visited', 'cancelled'] as const)
      expect(Object.values(visitActions({ status })).some(Boolean)).toBe(false);
  });
});

describe('times', () => {
  it('reads a picked wall-clock time as Beijing time', () => {
    expect(beijingInstant(dayjs('2026-03-07 09:40'))).toBe('2026-03-07T01:40:00.000Z');
  });
  it('says a date the short way', () => {
    expect(shortDate('2026-03-04')).toBe('3月4日');
  });
});

describe('the finding filled from a call-out', () => {
  const callout = {
    id: 1,
    date: '2026-04-04',
    dayKind: 'holiday' as const,
    matter: '企业急需变更营业执照',
    staffId: 7,
    staffName: '杨帆',
    notifiedAt: '2026-04-04T01:05:00.000Z',
    respondBy: '2026-04-04T02:05:00.000Z',
    arrivedAt: null,
    state: 'unanswered' as const,
    note: '电话两次未接，已发短信',
    recordedByName: '王芳',
    version: 0,
  };

  it('names the day and its kind, the person, the times in Beijing and what happened', () => {
    expect(calloutFindingText(callout)).toBe(
      '2026-04-04（法定节假日）节假日召回，事由：企业急需变更营业执照。09:05 通知杨帆，应于 10:05 前到达，未到。备注：电话两次未接，已发短信',
    );
  });

  it('says when a late one came, and the date of a notice given the evening before', () => {
    expect(
      calloutFindingText({
        ...callout,
        notifiedAt: '2026-04-03T12:30:00.000Z',
        respondBy: '2026-04-03T13:30:00.000Z',
        arrivedAt: '2026-04-04T00:10:00.000Z',
        state: 'late',
        note: '',
      }),
    ).toBe(
      '2026-04-04（法定节假日）节假日召回，事由：企业急需变更营业执照。2026-04-03 20:30 通知杨帆，应于 2026-04-03 21:30 前到达，2026-04-04 08:10 到达，迟到。',
    );
  });
});
