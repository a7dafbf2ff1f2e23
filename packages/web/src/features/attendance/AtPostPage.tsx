import { useState } from 'react';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  attendanceApi,
  attendanceKeys,
  useAtPostQuery,
  useStaffMonthQuery,
  type AtPostRow,
  type AttendanceDay,
} from '../../api/attendance.ts';
import { useMe } from '../../auth/session.ts';
import { useStaffQuery } from '../../api/queries.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation, type FieldErrorTarget } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { dayjs, formatInCenter, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  MonthPicker,
  MonthTotals,
  PostTag,
  monthColumns,
  thisMonth,
  toCenterInstant,
  withIds,
} from './shared.tsx';
import './attendance.css';

const P = t.atPost;

export default function AtPostPage() {
  const q = useAtPostQuery();
  const [person, setPerson] = useState<AtPostRow | null>(null);
  const rows = (q.data?.rows ?? []).map((r) => ({ ...r, id: r.staffId }));
  const time = (iso: string | null) => (iso ? formatInCenter(iso, 'HH:mm') : t.common.none);
  const columns: TableColumnsType<AtPostRow & { id: number }> = [
    { title: P.staffNo, dataIndex: 'staffNo' },
    { title: P.name, dataIndex: 'staffName' },
    { title: P.position, dataIndex: 'position' },
    { title: P.window, dataIndex: 'windowName', render: (w: string | null) => w ?? t.common.none },
    {
      title: P.state,
      key: 'state',
      render: (_, r) => (
        <PostTag reason={r.reason} absence={r.absence} restDay={q.data?.workingDay === false} />
      ),
    },
    { title: P.signIn, dataIndex: 'signIn', render: time },
    { title: P.signOut, dataIndex: 'signOut', render: time },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, r) => (
        <Button size="small" onClick={() => setPerson(r)}>
          {P.viewMonth}
        </Button>
      ),
    },
  ];
  const atPost = rows.filter((r) => r.atPost).length;
  return (
    <CenterPage title={P.title} description={P.description}>
      {q.data ? (
        <Typography.Paragraph>
          {P.asOf(formatInCenter(q.data.at, 'YYYY-MM-DD HH:mm'))}，{P.summary(atPost, rows.length)}
          {q.data.workingDay === false ? `（${P.notWorkingDay}）` : ''}
        </Typography.Paragraph>
      ) : null}
      <ListTable query={q} rows={rows} columns={columns} empty={P.empty} />
      <PersonMonth person={person} onClose={() => setPerson(null)} />
    </CenterPage>
  );
}

function PersonMonth({ person, onClose }: { person: AtPostRow | null; onClose: () => void }) {
  const me = useMe();
  const [month, setMonth] = useState(thisMonth);
  const [correcting, setCorrecting] = useState<AttendanceDay | null>(null);
  const q = useStaffMonthQuery(person?.staffId ?? null, month);
  const staff = useStaffQuery('', false, person !== null);
  const supervises =
    person !== null &&
    me.staffId !== null &&
    (staff.data ?? []).some((s) => s.id === person.staffId && s.supervisorId === me.staffId);
  const extra: TableColumnsType<AttendanceDay & { id: number }> = supervises
    ? [
        {
          title: t.common.actions,
          key: 'actions',
          render: (_, d) =>
            d.state === 'missing_sign_out' ? (
              <Button size="small" onClick={() => setCorrecting(d)}>
                {P.correct}
              </Button>
            ) : null,
        },
      ]
    : [];
  return (
    <Modal
      open={person !== null}
      title={person ? P.monthTitle(person.staffName) : ''}
      onCancel={onClose}
      footer={null}
      width={980}
      destroyOnHidden
    >
      <MonthPicker id="person-attendance-month" value={month} onChange={setMonth} />
      {q.isError ? <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? <MonthTotals month={q.data} /> : null}
      <Table
        rowKey="date"
        size="small"
        columns={monthColumns(extra)}
        dataSource={withIds(q.data?.days ?? [])}
        loading={q.isFetching}
        pagination={false}
        rowClassName={(d) => (d.workingDay === false ? 'attendance-rest-day' : '')}
      />
      {person ? (
        <CorrectModal
          staffId={person.staffId}
          name={person.staffName}
          day={correcting}
          onClose={() => setCorrecting(null)}
        />
      ) : null}
    </Modal>
  );
}

interface CorrectValues {
  at: Dayjs;
  reason: string;
}

function CorrectModal({
  staffId,
  name,
  day,
  onClose,
}: {
  staffId: number;
  name: string;
  day: AttendanceDay | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<CorrectValues>();
  const target: FieldErrorTarget = { form, fields: ['at', 'reason'] };
  const mutation = useFeedbackMutation({
    mutationFn: (v: CorrectValues) =>
      attendanceApi.correctSignOut(staffId, {
        date: day!.date,
        at: toCenterInstant(v.at),
        reason: v.reason ?? '',
      }),
    success: P.corrected,
    invalidate: [attendanceKeys.all],
    errors: { target },
    onSuccess: onClose,
  });
  return (
    <FormModal<CorrectValues>
      open={day !== null}
      title={day ? P.correctTitle(name, day.date) : ''}
      formName="sign-out-correction"
      form={form}
      mutation={mutation}
      onClose={onClose}
      initialValues={day ? { at: dayjs(`${day.date} 17:30`) } : {}}
    >
      <Alert type="info" showIcon className="block-gap" title={t.attendanceShared.correctedTitle} />
      <Form.Item name="at" label={P.correctAt} rules={[required(P.correctAt, true)]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" needConfirm={false} />
      </Form.Item>
      <Form.Item name="reason" label={P.correctReason} rules={[required(P.correctReason)]}>
        <Input.TextArea rows={3} maxLength={500} placeholder={P.correctReasonPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}
