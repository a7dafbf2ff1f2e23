import { afterEach, describe, expect, it, vi } from 'vitest';
import { learnServerTime, nowMs, todayInCenter } from './time.ts';

describe("the console's clock follows the server's", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts with the server time of the last answer, whatever this computer says', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-05T23:00:00Z') }); // a clerk's PC a year off
    // The server wrote 2027-12-21 09:59:59.900 Beijing; the request took 200 ms.
    learnServerTime('2027-12-21T01:59:59.900Z', Date.now() - 200, Date.now());
    expect(new Date(nowMs()).toISOString()).toBe('2027-12-21T02:00:00.000Z');
    expect(todayInCenter().format('YYYY-MM-DD')).toBe('2027-12-21');
    vi.advanceTimersByTime(60_000);
    expect(new Date(nowMs()).toISOString()).toBe('2027-12-21T02:01:00.000Z');
  });

  it('keeps what it knew when an answer carries no readable time', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-05T23:00:00Z') });
    learnServerTime('2026-12-05T23:00:10.000Z', Date.now(), Date.now());
    learnServerTime('not a time', Date.now(), Date.now());
    expect(nowMs() - Date.now()).toBe(10_000);
  });
});
