import { buildCalendar, buildTimetable } from '@bianmin/domain';
import { describe, expect, it } from 'vitest';
import {
  awaitingCountdown,
  countdown,
  liveLight,
  spanText,
  type CaseClockInput,
  type WorkingClock,
} from './countdown.ts';

/** 2026 as the State Council published it (New Year and Spring Festival), 08:30–17:30. */
function clock2026(): WorkingClock {
  const cal = buildCalendar([
    {
      year: 2026,
      holidays: [
        '2026-01-01',
        '2026-01-02',
        '2026-01-03',
        ...[15, 16, 17, 18, 19, 20, 21, 22, 23].map((d) => `2026-02-${d}`),
      ],
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28'],
    },
  ]);
  const tt = buildTimetable([{ from: '01-01', hours: { open: '08:30', close: '17:30' } }]);
  if (!cal.ok || !tt.ok) throw new Error('fixture');
  return { cal: cal.value, tt: tt.value };
}

/** An instant in Beijing time. */
const bj = (local: string) => Date.parse(`${local}:00+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

function running(over: Partial<CaseClockInput> & { deadline: number }): CaseClockInput {
  const { deadline, ...rest } = over;
  return {
    status: 'in_progress',
    acceptedKind: 'promised',
    deadlineAt: iso(deadline),
    yellowAt: null,
    light: 'green',
    ...rest,
  };
}

describe('countdown', () => {
  const clock = clock2026();

  it('counts an immediate case in minutes', () => {
    const now = bj('2026-03-02T10:00');
    const c = running({ acceptedKind: 'immediate', deadline: now + 12 * 60_000 });
    expect(countdown(c, now, clock)).toEqual({
      text: '剩余 12 分钟',
      tone: 'normal',
      light: 'green',
    });
  });

  it('counts a promised case in working days and the hours left today', () => {
    const c = running({ deadline: bj('2026-03-05T17:30') });
    expect(countdown(c, bj('2026-03-02T14:30'), clock)?.text).toBe('剩余 3 个工作日 3 小时');
  });

  it('skips the Spring Festival and counts its make-up Saturday', () => {
    const c = running({ deadline: bj('2026-02-25T17:30') });
    // Friday 13 Feb after 17:00: Sat 14 (worked), Tue 24, Wed 25; half an hour left today.
    expect(countdown(c, bj('2026-02-13T17:00'), clock)?.text).toBe('剩余 3 个工作日');
  });

  it('counts hours and minutes on the last day', () => {
    const c = running({ deadline: bj('2026-03-05T17:30') });
    expect(countdown(c, bj('2026-03-05T15:00'), clock)?.text).toBe('剩余 2 小时 30 分钟');
  });

  it('counts plain days without the calendar, and for a petition', () => {
    const now = bj('2026-03-02T10:00');
    const deadline = now + (2 * 24 + 3) * 3_600_000;
    expect(countdown(running({ deadline }), now, null)?.text).toBe('剩余 2 天 3 小时');
    expect(countdown(running({ deadline, acceptedKind: 'petition' }), now, clock)?.text).toBe(
      '剩余 2 天 3 小时',
    );
  });

  it('says how long a case is overdue, in red', () => {
    const deadline = bj('2026-03-05T17:30');
    const now = deadline + (26 * 60 + 5) * 60_000;
    expect(countdown(running({ deadline }), now, clock)).toEqual({
      text: '已超期 1 天 2 小时',
      tone: 'danger',
      light: 'red',
    });
  });

  it('turns yellow at the yellow mark between two refreshes', () => {
    const deadline = bj('2026-03-05T17:30');
    const c = running({ deadline, yellowAt: iso(bj('2026-03-05T09:00')) });
    expect(liveLight(c, bj('2026-03-04T09:00'))).toBe('green');
    expect(countdown(c, bj('2026-03-05T10:00'), clock)?.tone).toBe('warning');
  });

  it('shows a paused case as paused and a case without a term as nothing', () => {
    const deadline = bj('2026-03-05T17:30');
    expect(
      countdown(running({ deadline, status: 'paused', light: 'paused' }), deadline + 1, clock),
    ).toEqual({ text: '已暂停', tone: 'paused', light: 'paused' });
    const received: CaseClockInput = {
      status: 'received',
      acceptedKind: null,
      deadlineAt: null,
      yellowAt: null,
      light: null,
    };
    expect(countdown(received, deadline, clock)).toBeNull();
  });

  it('writes spans in days, hours and minutes', () => {
    expect(spanText(0)).toBe('0 分钟');
    expect(spanText(30_000)).toBe('1 分钟');
    expect(spanText(3 * 3_600_000)).toBe('3 小时');
    expect(spanText(24 * 3_600_000)).toBe('1 天');
  });
});

describe('awaitingCountdown (a petition decision, the higher authority)', () => {
  const due = bj('2026-03-17 17:30');
  const a = {
    what: 'petition_decision' as const,
    dueAt: iso(due),
    yellowAt: iso(bj('2026-03-13 10:00')),
    light: 'green' as const,
  };

  it('counts down to the due instant and turns yellow, then red, on the live clock', () => {
    expect(awaitingCountdown(a, bj('2026-03-12 17:30'))).toEqual({
      text: '剩余 5 天',
      tone: 'normal',
      light: 'green',
    });
    expect(awaitingCountdown(a, bj('2026-03-13 10:00'))?.light).toBe('yellow');
    expect(awaitingCountdown(a, bj('2026-03-18 17:30'))).toEqual({
      text: '已超期 1 天',
      tone: 'danger',
      light: 'red',
    });
  });
});
