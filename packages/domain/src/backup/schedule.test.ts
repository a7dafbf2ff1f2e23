import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDate, shanghaiInstantOfDay } from '../calendar/civil.ts';
import { BACKUP_RETRY_MS, backupDue, backupStanding, lastBackupSlot } from './schedule.ts';

/** Epoch ms of a Beijing wall-clock time 'YYYY-MM-DDTHH:MM:SS'. */
const bj = (iso: string) => {
  const [h, m, s] = iso.slice(11).split(':').map(Number) as [number, number, number];
  return shanghaiInstantOfDay(parseIsoDate(iso.slice(0, 10))!, h * 60 + m) + s * 1000;
};
const TWO_AM = 120;

describe('lastBackupSlot', () => {
  it('is today’s slot once it has passed, in Beijing time', () => {
    expect(lastBackupSlot(bj('2026-12-06T02:00:00'), TWO_AM)).toBe(bj('2026-12-06T02:00:00'));
    expect(lastBackupSlot(bj('2026-12-06T09:30:00'), TWO_AM)).toBe(bj('2026-12-06T02:00:00'));
  });
  it('is yesterday’s slot before today’s, across a month and a year', () => {
    expect(lastBackupSlot(bj('2026-12-06T01:59:59'), TWO_AM)).toBe(bj('2026-12-05T02:00:00'));
    expect(lastBackupSlot(bj('2027-01-01T00:10:00'), TWO_AM)).toBe(bj('2026-12-31T02:00:00'));
  });
  it('reads the time in Beijing, not UTC: 02:00 Beijing is 18:00 UTC the day before', () => {
    const utc1830 = 1_796_495_400_000; // 2026-12-05T18:30:00Z
    expect(bj('2026-12-06T02:30:00')).toBe(utc1830);
    expect(lastBackupSlot(utc1830, TWO_AM)).toBe(utc1830 - 30 * 60_000);
  });
  it('property: the slot is at most a day before now, never after it, at the given minute', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 1439 }),
        (now, minute) => {
          const slot = lastBackupSlot(now, minute);
          expect(slot).toBeLessThanOrEqual(now);
          expect(now - slot).toBeLessThan(86_400_000);
          expect((((slot + 8 * 3_600_000) % 86_400_000) + 86_400_000) % 86_400_000).toBe(
            minute * 60_000,
          );
        },
      ),
    );
  });
});

describe('backupDue', () => {
  const since = bj('2026-12-01T10:00:00');
  it('a new installation waits for the first slot after it began', () => {
    const h = { lastSuccessAt: null, lastAttemptAt: null, since };
    expect(backupDue(bj('2026-12-01T23:59:00'), TWO_AM, h)).toBe(false);
    expect(backupDue(bj('2026-12-02T01:59:59'), TWO_AM, h)).toBe(false);
    expect(backupDue(bj('2026-12-02T02:00:00'), TWO_AM, h)).toBe(true);
  });
  it('once a day: not again after the slot’s backup, due at the next slot', () => {
    const done = bj('2026-12-02T02:00:05');
    const h = { lastSuccessAt: done, lastAttemptAt: done, since };
    expect(backupDue(bj('2026-12-02T15:00:00'), TWO_AM, h)).toBe(false);
    expect(backupDue(bj('2026-12-03T02:00:00'), TWO_AM, h)).toBe(true);
  });
  it('a server that was down at the slot catches up when it runs again', () => {
    const done = bj('2026-12-01T02:00:05');
    const h = { lastSuccessAt: done, lastAttemptAt: done, since };
    expect(backupDue(bj('2026-12-03T08:15:00'), TWO_AM, h)).toBe(true);
  });
  it('a failed or running attempt is retried after an hour, not before', () => {
    const attempt = bj('2026-12-02T02:00:00');
    const h = { lastSuccessAt: bj('2026-12-01T02:00:03'), lastAttemptAt: attempt, since };
    expect(backupDue(attempt + BACKUP_RETRY_MS - 1, TWO_AM, h)).toBe(false);
    expect(backupDue(attempt + BACKUP_RETRY_MS, TWO_AM, h)).toBe(true);
  });
  it('property: never due twice for one slot once a backup began after it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000_000_000, max: 3_000_000_000_000 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 86_399_999 }),
        (now, minute, later) => {
          const slot = lastBackupSlot(now, minute);
          const h = { lastSuccessAt: slot, lastAttemptAt: slot, since: 0 };
          // Until the next slot, the backup taken at this one is enough.
          const t = Math.min(now + later, slot + 86_400_000 - 1);
          expect(backupDue(t, minute, h)).toBe(false);
          expect(backupDue(slot + 86_400_000, minute, h)).toBe(true);
        },
      ),
    );
  });
});

describe('backupStanding', () => {
  const now = bj('2026-12-06T09:00:00');
  it('ok with a backup of last night, late after a day and two hours', () => {
    expect(backupStanding(now, true, { lastSuccessAt: bj('2026-12-06T02:00:00'), since: 0 })).toBe(
      'ok',
    );
    expect(backupStanding(now, true, { lastSuccessAt: bj('2026-12-05T06:59:59'), since: 0 })).toBe(
      'late',
    );
  });
  it('a new installation is not late before its first slot has had its chance', () => {
    expect(
      backupStanding(now, true, { lastSuccessAt: null, since: bj('2026-12-06T08:00:00') }),
    ).toBe('ok');
    expect(
      backupStanding(now, true, { lastSuccessAt: null, since: bj('2026-12-04T08:00:00') }),
    ).toBe('late');
  });
  it('off when nothing is scheduled and no backup was ever taken; late when one was, long ago', () => {
    expect(backupStanding(now, false, { lastSuccessAt: null, since: 0 })).toBe('off');
    expect(backupStanding(now, false, { lastSuccessAt: bj('2026-11-01T02:00:00'), since: 0 })).toBe(
      'late',
    );
  });
});
