import { DatePicker, Descriptions, Form, Tag, Tooltip, type TableColumnsType } from 'antd';
import type {
  AbsenceKind,
  AttendanceDay,
  AttendanceMonth,
  DayState,
  LeaveStatus,
  PostReason,
} from '../../api/attendance.ts';
import { dayjs, formatInCenter, todayInCenter, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const S = t.attendanceShared;
const C = t.clock;

export { formatRange, thisMonth, toCenterInstant } from './format.ts';

const DAY_COLORS: Record<DayState, string> = {
  not_working_day: 'default',
  present: 'success',
  late: 'warning',
  left_early: 'warning',
  late_and_left_early: 'warning',
  absent: 'error',
  on_leave: 'blue',
  missing_sign_out: 'orange',
  missing_sign_in: 'orange',
  not_counted: 'default',
  today: 'processing',
};

export function DayStateTag({ state }: { state: DayState }) {
  return <Tag color={DAY_COLORS[state]}>{S.dayStates[state]}</Tag>;
}

/** Where a person is now: 在岗 / 未签到 / 已签退 / 外出 / 因公请假 / 因私请假. */
export function PostTag({
  reason,
  absence,
  restDay = false,
}: {
  reason: PostReason;
  absence: AbsenceKind | null;
  restDay?: boolean;
}) {
  if (reason === 'away') {
    const text = absence && absence !== 'outing' ? S.absenceKinds[absence] : S.postReasons.away;
    return <Tag color="blue">{text}</Tag>;
  }
  // Not signed in on a rest day is nothing to worry about.
  const color =
    reason === 'signed_in' ? 'success' : reason === 'signed_out' || restDay ? 'default' : 'warning';
  return <Tag color={color}>{S.postReasons[reason]}</Tag>;
}

const LEAVE_COLORS: Record<LeaveStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

export function LeaveStatusTag({ status }: { status: LeaveStatus }) {
  return <Tag color={LEAVE_COLORS[status]}>{S.leaveStatuses[status]}</Tag>;
}

/** A month to look at; the form item carries the label. */
export function MonthPicker({
  value,
  onChange,
  id,
}: {
  value: string;
  onChange: (month: string) => void;
  id: string;
}) {
  return (
    <Form.Item label={S.month} htmlFor={id} className="attendance-month-picker">
      <DatePicker
        id={id}
        picker="month"
        allowClear={false}
        value={dayjs(`${value}-01`)}
        format="YYYY年M月"
        onChange={(d: Dayjs | null) => d && onChange(d.format('YYYY-MM'))}
      />
    </Form.Item>
  );
}

const time = (iso: string | null) => (iso ? formatInCenter(iso, 'HH:mm') : t.common.none);
const mins = (n: number) => (n > 0 ? S.minutes(n) : t.common.none);

/** The columns of a month's day-by-day table; `extra` adds e.g. an action column. */
export function monthColumns(
  extra: TableColumnsType<AttendanceDay & { id: number }> = [],
): TableColumnsType<AttendanceDay & { id: number }> {
  return [
    {
      title: C.date,
      dataIndex: 'date',
      render: (date: string) => `${date.slice(5)}（${C.weekdays[dayjs(date).day()]}）`,
    },
    {
      title: C.state,
      dataIndex: 'state',
      render: (state: DayState, d) => {
        if (d.workingDay === false && state === 'not_counted')
          return <DayStateTag state="not_working_day" />;
        // Days still to come are simply empty.
        if (state === 'not_counted' && d.date > todayInCenter().format('YYYY-MM-DD'))
          return t.common.none;
        return state === 'not_counted' ? (
          <Tooltip title={C.notCountedHint}>
            <span>
              <DayStateTag state={state} />
            </span>
          </Tooltip>
        ) : (
          <DayStateTag state={state} />
        );
      },
    },
    { title: C.signInAt, dataIndex: 'signIn', render: time },
    {
      title: C.signOutAt,
      dataIndex: 'signOut',
      render: (v: string | null, d) => (
        <>
          {time(v)}
          {d.signOutCorrected ? (
            <Tooltip title={S.correctedTitle}>
              <Tag className="attendance-corrected">{S.corrected}</Tag>
            </Tooltip>
          ) : null}
        </>
      ),
    },
    { title: C.lateMinutes, dataIndex: 'lateMinutes', render: mins },
    { title: C.earlyMinutes, dataIndex: 'earlyMinutes', render: mins },
    { title: C.unexcusedMinutes, dataIndex: 'unexcusedMinutes', render: mins },
    { title: C.excusedMinutes, dataIndex: 'excusedMinutes', render: mins },
    ...extra,
  ];
}

export const withIds = (days: readonly AttendanceDay[]) =>
  days.map((d, i) => ({ ...d, id: i + 1 }));

export function MonthTotals({ month }: { month: AttendanceMonth }) {
  const s = month.totals;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 2, sm: 3, md: 5 }}
      title={C.totals}
      className="block-gap"
      items={[
        { key: 'w', label: C.totalWorkingDays, children: C.days(s.workingDays) },
        { key: 'p', label: C.totalPresent, children: C.days(s.present) },
        { key: 'l', label: C.totalLate, children: C.days(s.late) },
        { key: 'e', label: C.totalLeftEarly, children: C.days(s.leftEarly) },
        { key: 'a', label: C.totalAbsent, children: C.days(s.absent) },
        { key: 'o', label: C.totalOnLeave, children: C.days(s.onLeave) },
        { key: 'm', label: C.totalMissing, children: C.days(s.missingSignOut) },
        { key: 'lm', label: C.totalLateMinutes, children: S.minutes(s.lateMinutes) },
        { key: 'em', label: C.totalEarlyMinutes, children: S.minutes(s.earlyMinutes) },
      ]}
    />
  );
}
