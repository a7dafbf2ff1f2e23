import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tabs,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  attendanceApi,
  attendanceKeys,
  useMyLeaveQuery,
  useToApproveQuery,
  type AbsenceKind,
  type LeaveRequest,
} from '../../api/attendance.ts';
import { useMe } from '../../auth/session.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation, type FieldErrorTarget } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { dayjs, formatDateTime, nowInCenter, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { LeaveStatusTag, formatRange, toCenterInstant } from './shared.tsx';
import './attendance.css';

const L = t.leave;
const S = t.attendanceShared;

export default function LeavePage() {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState('mine');
  const hasStaff = me.staffId !== null;
  const toApprove = useToApproveQuery(hasStaff);
  const pending = (toApprove.data?.items ?? []).filter((r) => r.status === 'pending').length;
  const approver =
    (toApprove.data?.items.length ?? 0) > 0 || me.roles.includes('supervising_leader');
  return (
    <>
      <PageHeader
        title={L.title}
        description={L.description}
        extra={
          hasStaff ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setOpen(true)}
            >
              {L.create}
            </Button>
          ) : null
        }
      />
      {hasStaff ? (
        <Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'mine', label: L.tabMine, children: <MyRequests /> },
              ...(approver
                ? [
                    {
                      key: 'approve',
                      label: (
                        <Badge count={pending} size="small" offset={[8, -2]}>
                          {L.tabToApprove}
                        </Badge>
                      ),
                      children: <ToApprove query={toApprove} />,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      ) : (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={S.noStaff} />
        </Card>
      )}
      <CreateLeaveModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function baseColumns(withStaff: boolean): TableColumnsType<LeaveRequest> {
  return [
    // Names and kinds are short: never broken over two lines.
    ...(withStaff
      ? [{ title: L.staff, dataIndex: 'staffName', className: 'attendance-nowrap' }]
      : []),
    {
      title: L.kind,
      dataIndex: 'kind',
      className: 'attendance-nowrap',
      render: (k: AbsenceKind) => S.absenceKinds[k],
    },
    { title: `${L.from} – ${L.to}`, key: 'range', render: (_, r) => formatRange(r.from, r.to) },
    { title: L.reason, dataIndex: 'reason' },
    ...(withStaff ? [] : [{ title: L.approver, dataIndex: 'approverName' }]),
    {
      title: L.status,
      dataIndex: 'status',
      render: (_: unknown, r: LeaveRequest) => <LeaveStatusTag status={r.status} />,
    },
    {
      title: L.decision,
      key: 'decision',
      render: (_, r) =>
        r.decidedAt && r.status !== 'cancelled'
          ? `${r.decidedByName ?? ''} ${formatDateTime(r.decidedAt)}${r.decisionNote ? `：${r.decisionNote}` : ''}`
          : t.common.none,
    },
  ];
}

function MyRequests() {
  const q = useMyLeaveQuery();
  const cancel = useFeedbackMutation({
    mutationFn: (r: LeaveRequest) => attendanceApi.leave.cancel(r.id, r.version),
    success: L.cancelled,
    invalidate: [attendanceKeys.leave, attendanceKeys.all],
    errors: { refetch: [attendanceKeys.leave] },
  });
  const columns: TableColumnsType<LeaveRequest> = [
    ...baseColumns(false),
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, r) =>
        r.status === 'pending' ? (
          <Popconfirm title={L.cancelConfirm} onConfirm={() => cancel.mutate(r)}>
            <Button size="small">{L.cancel}</Button>
          </Popconfirm>
        ) : null,
    },
  ];
  return (
    <>
      {q.isError ? <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<LeaveRequest>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={q.data?.items ?? []}
        loading={q.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.emptyMine} />,
        }}
      />
    </>
  );
}

function ToApprove({ query }: { query: ReturnType<typeof useToApproveQuery> }) {
  const [deciding, setDeciding] = useState<{ request: LeaveRequest; approve: boolean } | null>(
    null,
  );
  const columns: TableColumnsType<LeaveRequest> = [
    ...baseColumns(true),
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, r) =>
        r.status === 'pending' ? (
          <Space>
            <Button
              size="small"
              type="primary"
              onClick={() => setDeciding({ request: r, approve: true })}
            >
              {L.approve}
            </Button>
            <Button size="small" danger onClick={() => setDeciding({ request: r, approve: false })}>
              {L.reject}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      {query.isError ? (
        <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      <Table<LeaveRequest>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.emptyToApprove} />,
        }}
      />
      <DecideModal deciding={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}

function DecideModal({
  deciding,
  onClose,
}: {
  deciding: { request: LeaveRequest; approve: boolean } | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ note: string }>();
  const target: FieldErrorTarget = { form, fields: ['note'] };
  const mutation = useFeedbackMutation({
    mutationFn: ({ note }: { note: string }) => {
      const r = deciding!.request;
      return deciding!.approve
        ? attendanceApi.leave.approve(r.id, { version: r.version, note: note ?? '' })
        : attendanceApi.leave.reject(r.id, { version: r.version, note: note ?? '' });
    },
    success: deciding?.approve ? L.approved : L.rejected,
    invalidate: [attendanceKeys.leave, attendanceKeys.all],
    errors: { target, refetch: [attendanceKeys.leave] },
    onSuccess: onClose,
  });
  const r = deciding?.request;
  return (
    <FormModal<{ note: string }>
      open={deciding !== null}
      title={r ? (deciding.approve ? L.approveTitle(r.staffName) : L.rejectTitle(r.staffName)) : ''}
      formName="leave-decision"
      form={form}
      mutation={mutation}
      onClose={onClose}
      okText={deciding?.approve ? L.approve : L.reject}
    >
      {r ? (
        <p>
          {S.absenceKinds[r.kind]}：{formatRange(r.from, r.to)}，{r.reason}
        </p>
      ) : null}
      <Form.Item name="note" label={L.note} rules={deciding?.approve ? [] : [required(L.note)]}>
        <Input.TextArea
          rows={3}
          maxLength={500}
          placeholder={deciding?.approve ? L.notePlaceholder : L.rejectPlaceholder}
        />
      </Form.Item>
    </FormModal>
  );
}

interface LeaveValues {
  kind: AbsenceKind;
  from: Dayjs;
  to: Dayjs;
  reason: string;
}

function CreateLeaveModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<LeaveValues>();
  const target: FieldErrorTarget = { form, fields: ['kind', 'from', 'to', 'reason'] };
  const mutation = useFeedbackMutation({
    mutationFn: (v: LeaveValues) =>
      attendanceApi.leave.create({
        kind: v.kind,
        from: toCenterInstant(v.from),
        to: toCenterInstant(v.to),
        reason: v.reason ?? '',
      }),
    success: L.created,
    invalidate: [attendanceKeys.leave],
    errors: { target },
    onSuccess: onClose,
  });
  const now = nowInCenter();
  const start = dayjs(now.format('YYYY-MM-DD HH:00')).add(1, 'hour');
  const picker = {
    showTime: { format: 'HH:mm', minuteStep: 5 as const },
    format: 'YYYY-MM-DD HH:mm',
    needConfirm: false,
    className: 'attendance-time-picker',
  };
  return (
    <FormModal<LeaveValues>
      open={open}
      title={L.createTitle}
      formName="leave-request"
      form={form}
      mutation={mutation}
      onClose={onClose}
      okText={L.submit}
      initialValues={{ kind: 'outing', from: start, to: start.add(1, 'hour') }}
    >
      <Form.Item name="kind" label={L.kind} rules={[required(L.kind, true)]}>
        <Radio.Group
          optionType="button"
          options={(['outing', 'official_leave', 'personal_leave'] as const).map((k) => ({
            value: k,
            label: S.absenceKinds[k],
          }))}
        />
      </Form.Item>
      <Space size="middle" wrap>
        <Form.Item name="from" label={L.from} rules={[required(L.from, true)]}>
          <DatePicker {...picker} />
        </Form.Item>
        <Form.Item name="to" label={L.to} rules={[required(L.to, true)]}>
          <DatePicker {...picker} />
        </Form.Item>
      </Space>
      <Form.Item name="reason" label={L.reason} rules={[required(L.reason)]}>
        <Input.TextArea rows={3} maxLength={500} placeholder={L.reasonPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}
