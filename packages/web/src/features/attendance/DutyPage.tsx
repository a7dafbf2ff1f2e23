import { useState } from 'react';
import { Button, Card, Form, Input, Select, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { attendanceApi, useDutyQuery, type DayKind, type DutyDay } from '../../api/attendance.ts';
import { useStaffQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation, type FieldErrorTarget } from '../../lib/apiFeedback.ts';
import { dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { MonthPicker, thisMonth } from './shared.tsx';
import './attendance.css';

const D = t.duty;
const C = t.clock;

const KIND_COLORS: Record<DayKind, string> = {
  workday: 'default',
  makeUpWorkday: 'purple',
  weekend: 'blue',
  holiday: 'red',
};

export default function DutyPage() {
  const [month, setMonth] = useState(thisMonth);
  const [restOnly, setRestOnly] = useState(false);
  const [editing, setEditing] = useState<DutyDay | null>(null);
  const canManage = useCan('duty.manage');
  const q = useDutyQuery(month);
  const days = (q.data?.days ?? []).filter((d) => !restOnly || !d.workingDay);
  const columns: TableColumnsType<DutyDay> = [
    {
      title: D.date,
      dataIndex: 'date',
      render: (date: string) => `${date}（${C.weekdays[dayjs(date).day()]}）`,
    },
    {
      title: D.kind,
      dataIndex: 'kind',
      render: (k: DayKind) => <Tag color={KIND_COLORS[k]}>{D.kinds[k]}</Tag>,
    },
    {
      title: D.officers,
      key: 'officers',
      render: (_, d) =>
        d.officers.length ? (
          d.officers.map((o) => o.name).join(t.common.listSeparator)
        ) : (
          <span className="attendance-none">{D.none}</span>
        ),
    },
    { title: D.note, dataIndex: 'note' },
    ...(canManage
      ? [
          {
            title: t.common.actions,
            key: 'actions',
            render: (_: unknown, d: DutyDay) => (
              <Button
                size="small"
                aria-label={`${D.assign} ${d.date}`}
                onClick={() => setEditing(d)}
              >
                {D.assign}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <CenterPage title={D.title} description={D.description}>
      <Card>
        <div className="attendance-toolbar">
          <MonthPicker id="duty-month" value={month} onChange={setMonth} />
          <Form.Item label={D.onlyRestDays} htmlFor="duty-rest-only">
            <Switch id="duty-rest-only" checked={restOnly} onChange={setRestOnly} />
          </Form.Item>
        </div>
        {q.isError ? <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
        <Table<DutyDay>
          rowKey="date"
          size="small"
          columns={columns}
          dataSource={days}
          loading={q.isFetching}
          pagination={false}
          rowClassName={(d) =>
            d.kind === 'holiday' ? 'attendance-holiday' : d.workingDay ? '' : 'attendance-rest-day'
          }
        />
      </Card>
      <AssignModal day={editing} month={month} onClose={() => setEditing(null)} />
    </CenterPage>
  );
}

interface AssignValues {
  staffIds: number[];
  note: string;
}

function AssignModal({
  day,
  month,
  onClose,
}: {
  day: DutyDay | null;
  month: string;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const [form] = Form.useForm<AssignValues>();
  const staff = useStaffQuery('', false, day !== null);
  const target: FieldErrorTarget = { form, fields: ['staffIds', 'note'] };
  const dutyKey = ['duty', scope.centerId, month] as const;
  const mutation = useFeedbackMutation({
    mutationFn: (v: AssignValues) =>
      attendanceApi.duty.set(scope.query, day!.date, {
        staffIds: v.staffIds ?? [],
        note: v.note ?? '',
        version: day!.version,
      }),
    success: D.saved,
    invalidate: [dutyKey],
    errors: { target, refetch: [dutyKey] },
    onSuccess: onClose,
  });
  const options = (staff.data ?? [])
    .filter(
      (s) => day !== null && s.inPostFrom <= day.date && (!s.inPostTo || s.inPostTo >= day.date),
    )
    .map((s) => ({ value: s.id, label: `${s.name}（${s.position}）` }));
  return (
    <FormModal<AssignValues>
      open={day !== null}
      title={day ? D.assignTitle(day.date) : ''}
      formName="duty-day"
      form={form}
      mutation={mutation}
      onClose={onClose}
      initialValues={
        day ? { staffIds: day.officers.map((o) => o.staffId), note: day.note } : undefined
      }
    >
      <Form.Item name="staffIds" label={D.officers}>
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={D.officersPlaceholder}
          options={options}
          loading={staff.isFetching}
        />
      </Form.Item>
      <Form.Item name="note" label={D.note}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
