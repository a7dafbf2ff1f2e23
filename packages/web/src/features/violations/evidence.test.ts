import { describe, expect, it } from 'vitest';
import { parseEvidence } from './evidence.ts';

describe('parseEvidence', () => {
  const evidence = {
    case: {
      receiptNo: '001202603020007',
      itemName: '低保申请',
      acceptedKind: 'promised',
      clockStartAt: '2026-03-02T01:00:00.000Z',
      deadlineAt: '2026-03-09T09:30:00.000Z',
      termDays: 5,
      extension: {
        at: '2026-03-05T02:00:00.000Z',
        days: 3,
        approverName: '王主任',
        reason: '需踏勘',
      },
      pauses: [
        { from: '2026-03-03T02:00:00.000Z', to: null, reason: 'testing', note: '送检' },
        { to: 'no start' },
      ],
      closedAt: null,
      holderName: '李四',
      windowName: '民政窗口',
    },
    timeline: [
      { at: '2026-03-03T02:00:00.000Z', actorName: '李四', action: 'case.pause' },
      { at: '2026-03-02T01:00:00.000Z', actorName: '李四', action: 'case.accept' },
    ],
  };

  it('reads the case, its pauses and extension, and orders the timeline', () => {
    const e = parseEvidence(evidence)!;
    expect(e.case.acceptedKind).toBe('promised');
    expect(e.case.termDays).toBe(5);
    expect(e.case.extension).toEqual({
      at: '2026-03-05T02:00:00.000Z',
      days: 3,
      approverName: '王主任',
      reason: '需踏勘',
    });
    expect(e.case.pauses).toEqual([
      { from: '2026-03-03T02:00:00.000Z', to: null, reason: 'testing', note: '送检' },
    ]);
    expect(e.timeline.map((x) => x.action)).toEqual(['case.accept', 'case.pause']);
  });

  it('accepts the JSON as a string and tolerates unknown or missing parts', () => {
    const e = parseEvidence(JSON.stringify({ case: { acceptedKind: 'bogus', urgent: 'yes' } }))!;
    expect(e.case.acceptedKind).toBeNull();
    expect(e.case.urgent).toBe(false);
    expect(e.case.pauses).toEqual([]);
    expect(e.case.extension).toBeNull();
    expect(e.timeline).toEqual([]);
  });

  it('gives null when there is no case to show', () => {
    expect(parseEvidence(null)).toBeNull();
    expect(parseEvidence('not json')).toBeNull();
    expect(parseEvidence({ timeline: [] })).toBeNull();
  });
});
