import { describe, expect, it } from 'vitest';
import { checkLeaveRequest, type LeaveRequest } from './leave.ts';
import { at, SUMMER, TT, WINTER } from './fixtures.fixture.ts';

// 1 ← 2 ← 3 (1 leads 2, 2 leads 3); 9 has no supervisor.
const supervisorOf = new Map<number, number | null>([
  [1, null],
  [2, 1],
  [3, 2],
  [9, null],
]);
const ctx = { supervisorOf, timetable: TT };
const req = (over: Partial<LeaveRequest>): LeaveRequest => ({
  staffId: 3,
  approverStaffId: 2,
  from: at(WINTER, '09:00'),
  to: at(WINTER, '11:00'),
  kind: 'personal_leave',
  reason: 'doctor',
  ...over,
});

describe('checkLeaveRequest', () => {
  it('the supervising leader approves', () => {
    expect(checkLeaveRequest(req({}), ctx)).toEqual({
      ok: true,
      value: { from: at(WINTER, '09:00'), to: at(WINTER, '11:00'), kind: 'personal_leave' },
    });
  });
  it('nobody approves their own request', () => {
    expect(checkLeaveRequest(req({ approverStaffId: 3 }), ctx)).toMatchObject({
      code: 'SELF_APPROVAL',
    });
    expect(checkLeaveRequest(req({ staffId: 9, approverStaffId: 9 }), ctx)).toMatchObject({
      code: 'SELF_APPROVAL',
    });
  });
  it('a leader further up, a subordinate, or a stranger is not the supervisor', () => {
    for (const approverStaffId of [1, 9, 42])
      expect(checkLeaveRequest(req({ approverStaffId }), ctx)).toMatchObject({
        code: 'NOT_SUPERVISOR',
        field: 'approverStaffId',
      });
    expect(checkLeaveRequest(req({ staffId: 2, approverStaffId: 3 }), ctx)).toMatchObject({
      code: 'NOT_SUPERVISOR',
    });
  });
  it('a person without a supervisor (or unknown) cannot get approval', () => {
    expect(checkLeaveRequest(req({ staffId: 9, approverStaffId: 1 }), ctx)).toMatchObject({
      code: 'NOT_SUPERVISOR',
    });
    expect(checkLeaveRequest(req({ staffId: 77, approverStaffId: 1 }), ctx)).toMatchObject({
      code: 'NOT_SUPERVISOR',
    });
  });
  it('range reversed or empty', () => {
    const t = at(WINTER, '10:00');
    expect(checkLeaveRequest(req({ from: t, to: t }), ctx)).toMatchObject({
      code: 'RANGE_REVERSED',
    });
    expect(checkLeaveRequest(req({ from: t, to: t - 1 }), ctx)).toMatchObject({
      code: 'RANGE_REVERSED',
    });
    expect(checkLeaveRequest(req({ from: t, to: t + 1 }), ctx).ok).toBe(true);
  });
  it('a reason is required', () => {
    expect(checkLeaveRequest(req({ reason: '' }), ctx)).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(checkLeaveRequest(req({ reason: '  \n' }), ctx)).toMatchObject({
      code: 'REASON_REQUIRED',
    });
  });
  it('bad instants are refused', () => {
    expect(checkLeaveRequest(req({ from: Number.NaN }), ctx)).toMatchObject({
      code: 'BAD_INSTANT',
    });
  });
  it('leaves may span days', () => {
    expect(
      checkLeaveRequest(req({ from: at(WINTER, '08:30'), to: at('2026-03-06', '17:30') }), ctx).ok,
    ).toBe(true);
  });
  describe('outings lie within one day’s business hours', () => {
    const outing = (from: number, to: number) =>
      checkLeaveRequest(req({ kind: 'outing', from, to }), ctx);
    it('exactly the winter day is fine; 1 ms either side is not', () => {
      expect(outing(at(WINTER, '08:30'), at(WINTER, '17:30')).ok).toBe(true);
      expect(outing(at(WINTER, '08:30', -1), at(WINTER, '12:00'))).toMatchObject({
        code: 'OUTING_NOT_WITHIN_HOURS',
      });
      expect(outing(at(WINTER, '12:00'), at(WINTER, '17:30', 1))).toMatchObject({
        code: 'OUTING_NOT_WITHIN_HOURS',
      });
    });
    it('summer hours are wider', () => {
      expect(outing(at(SUMMER, '08:00'), at(SUMMER, '18:00')).ok).toBe(true);
      expect(outing(at(WINTER, '08:00'), at(WINTER, '09:00')).ok).toBe(false);
    });
    it('an outing over two days is refused', () => {
      expect(outing(at(WINTER, '16:00'), at('2026-03-03', '09:00'))).toMatchObject({
        code: 'OUTING_NOT_WITHIN_HOURS',
      });
    });
  });
});
