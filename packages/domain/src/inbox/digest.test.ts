import { describe, expect, it } from 'vitest';
import { parseIsoDate, shanghaiInstantOfDay } from '../calendar/civil.ts';
import { digestDateAt, digestKey, digestText, isWorkedDay } from './digest.ts';

/** A Beijing wall-clock time on a date, as an instant. */
const at = (date: string, hh: number, mm: number, ss = 0) =>
  shanghaiInstantOfDay(parseIsoDate(date)!, hh * 60 + mm) + ss * 1000;

describe('the morning digest', () => {
  it('is due from 08:30 Beijing time, for the Beijing date', () => {
    expect(digestDateAt(at('2026-03-02', 8, 29, 59))).toBeNull();
    expect(digestDateAt(at('2026-03-02', 8, 30))).toBe('2026-03-02');
    expect(digestDateAt(at('2026-03-02', 23, 59))).toBe('2026-03-02');
    // The Beijing day, not the UTC one: 00:30 on the 3rd is 16:30 UTC on the 2nd.
    expect(digestDateAt(at('2026-03-03', 0, 30))).toBeNull();
    expect(digestDateAt(at('2026-03-03', 9, 0))).toBe('2026-03-03');
    expect(digestKey('2026-03-02')).toBe('digest:2026-03-02');
  });

  it('goes on working days of the center’s calendar, a weekday guess for a year not entered', () => {
    const none = { yearKnown: true, kind: null } as const;
    expect(isWorkedDay('2026-03-02', none)).toBe(true); // Monday
    expect(isWorkedDay('2026-03-07', none)).toBe(false); // Saturday
    expect(isWorkedDay('2026-10-01', { yearKnown: true, kind: 'holiday' })).toBe(false);
    expect(isWorkedDay('2026-09-20', { yearKnown: true, kind: 'workday' })).toBe(true); // 调休 Sunday
    expect(isWorkedDay('2031-03-03', { yearKnown: false, kind: null })).toBe(true);
    expect(isWorkedDay('2031-03-01', { yearKnown: false, kind: null })).toBe(false);
  });

  it('titles the lights always and the rest when there is any', () => {
    const f = {
      red: 3,
      yellow: 5,
      extensionsPending: 2,
      followUpsOpen: 0,
      reportsWaiting: 1,
      announcementsLate: 0,
    };
    const { title, body } = digestText(f);
    expect(title).toBe('今日督办：超期 3 件，预警 5 件，延期待审批 2 件，群众举报待处理 1 件');
    expect(body).toBe(
      '在办件中已超期 3 件、即将到期 5 件；延期待审批 2 件，差评待回访整改 0 件，群众举报待处理 1 件，办结公告逾期 0 件。请在督办看板上查看并督促承办人。',
    );
    const quiet = digestText({
      ...f,
      red: 0,
      yellow: 0,
      extensionsPending: null,
      reportsWaiting: 0,
    });
    expect(quiet.title).toBe('今日督办：超期 0 件，预警 0 件');
    expect(quiet.body).not.toContain('延期');
  });
});
