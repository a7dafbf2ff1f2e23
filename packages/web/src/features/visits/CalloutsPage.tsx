import { useState } from 'react';
import {
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useStaffQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal, useModalState } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction } from '../../components/ListTable.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import {
  formatDateTime,
  formatInCenter,
  toIsoDate,
  todayInCenter,
  type Dayjs,
} from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  calloutKeys,
  calloutsApi,
  useCalloutSettingsQuery,
  useCalloutsQuery,
  type CalloutRow,
} from './api.ts';
import { beijingInstant, beijingNowForPicker } from './format.ts';
import { CalloutStateTag } from './CalloutReviewCard.tsx';
import './visits.css';

const L = t.callouts;

/** 节假日召回: who was notified on a weekend or holiday, when, and when each arrived. */
export default function CalloutsPage() {
  const [creating, setCreating] = useState(false);
  const arriving = useModalState<CalloutRow>();
  const canSettings = useCan('callouts.settings');
  const list = useCalloutsQuery();
  const columns: TableColumnsType<CalloutRow> = [
    {
      title: L.columns.date,
      key: 'date',
      render: (_, c) => (
        <>
          <div className="visit-nowrap">{c.date}</div>
          <div className="visit-muted">{L.dayKinds[c.dayKind]}</div>
        </>
      ),
    },
    { title: L.columns.matter, dataIndex: 'matter' },
    { title: L.columns.staff, dataIndex: 'staffName', className: 'visit-nowrap' },
    {
      title: L.columns.notifiedAt,
      key: 'notifiedAt',
      render: (_, c) => (
        <>
          <div className="visit-nowrap">{formatDateTime(c.notifiedAt)}</div>
          <div className="visit-muted">{L.respondBy(formatInCenter(c.respondBy, 'HH:mm'))}</div>
        </>
      ),
    },
    {
      title: L.columns.arrivedAt,
      key: 'arrivedAt',
      className: 'visit-nowrap',
      render: (_, c) => formatDateTime(c.arrivedAt),
    },
    {
      title: L.columns.state,
      key: 'state',
      render: (_, c) => (
        <>
          <CalloutStateTag state={c.state} />
          {c.note ? <div className="visit-muted">{c.note}</div> : null}
        </>
      ),
    },
    { title: L.columns.recordedBy, dataIndex: 'recordedByName', className: 'visit-nowrap' },
    {
      title: t.common.actions,
      key: 'actions',
      render: (_, c) =>
        c.arrivedAt === null ? (
          <RowAction
            icon={<ClockCircleOutlined aria-hidden />}
            label={L.arrive}
            name={`${c.date} ${c.staffName}`}
            onClick={() => arriving.openEdit(c)}
          />
        ) : null,
    },
  ];
  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setCreating(true)}
        >
          {L.create}
        </Button>
      }
    >
      <ResponseTime canChange={canSettings} />
      <ListTable<CalloutRow>
        query={list}
        rows={list.data?.items ?? []}
        columns={columns}
        empty={L.empty}
        size="middle"
        tableLayout="auto"
      />
      <CreateCalloutModal open={creating} onClose={() => setCreating(false)} />
      <ArrivalModal open={arriving.open} callout={arriving.record} onClose={arriving.close} />
    </CenterPage>
  );
}

/** The response time the call-outs are measured against; the center office may change it. */
function ResponseTime({ canChange }: { canChange: boolean }) {
  const scope = useCenterScope();
  const settings = useCalloutSettingsQuery();
  const [value, setValue] = useState<number | null>(null);
  const save = useFeedbackMutation({
    mutationFn: (minutes: number) =>
      calloutsApi.updateSettings(scope.query, {
        responseMinutes: minutes,
        version: settings.data!.version,
      }),
    success: L.settingsSaved,
    invalidate: [calloutKeys.all],
    errors: { refetch: [calloutKeys.all] },
  });
  if (!settings.data) return null;
  const minutes = settings.data.responseMinutes;
  return (
    <div className="callout-settings">
      <Typography.Text>{L.settingsHelp(minutes)}</Typography.Text>
      {canChange ? (
        <>
          <InputNumber
            aria-label={L.settings}
            min={10}
            max={480}
            value={value ?? minutes}
            onChange={(v) => setValue(v)}
            suffix={L.minutes}
          />
          <Button
            loading={save.isPending}
            disabled={value === null || value === minutes}
            onClick={() => value !== null && save.mutate(value)}
          >
            {L.saveSettings}
          </Button>
        </>
      ) : null}
    </div>
  );
}

interface CreateValues {
  date: Dayjs | null;
  matter: string;
  staffIds: number[];
  notifiedAt: Dayjs | null;
  arrivedAt?: Dayjs | null;
  note?: string;
}

function CreateCalloutModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const scope = useCenterScope();
  const [form] = Form.useForm<CreateValues>();
  const staff = useStaffQuery('', false, open);
  const save = useFeedbackMutation({
    // The answer lists every call-out of that day; the message counts the people just entered.
    mutationFn: async (v: CreateValues) => {
      await calloutsApi.create(scope.query, {
        date: toIsoDate(v.date)!,
        matter: v.matter.trim(),
        staffIds: v.staffIds,
        notifiedAt: beijingInstant(v.notifiedAt!),
        arrivedAt: v.arrivedAt ? beijingInstant(v.arrivedAt) : null,
        note: (v.note ?? '').trim(),
      });
      return v.staffIds.length;
    },
    success: (n) => L.created(n),
    invalidate: [calloutKeys.all],
    errors: {
      target: { form, fields: ['date', 'matter', 'staffIds', 'notifiedAt', 'arrivedAt', 'note'] },
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<CreateValues>
      open={open}
      title={L.createTitle}
      formName="createCalloutForm"
      form={form}
      width={640}
      mutation={save}
      onClose={onClose}
      initialValues={{ date: todayInCenter(), notifiedAt: beijingNowForPicker(), staffIds: [] }}
    >
      <Form.Item label={L.date} name="date" rules={[required(L.date, true)]}>
        <DatePicker style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        label={L.matter}
        name="matter"
        rules={[required(L.matter), maxLength(L.matter, 200)]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={L.staff} name="staffIds" rules={[required(L.staff, true)]}>
        <Select<number[]>
          mode="multiple"
          maxCount={5}
          loading={staff.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(staff.data ?? []).map((s) => ({
            value: s.id,
            label: `${s.name}（${s.windowName ?? s.position}）`,
          }))}
        />
      </Form.Item>
      <Form.Item label={L.notifiedAt} name="notifiedAt" rules={[required(L.notifiedAt, true)]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item label={L.arrivedAt} name="arrivedAt">
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: 220 }}
        />
      </Form.Item>
      <TextAreaItem label={L.note} name="note" max={500} rows={2} optional />
    </FormModal>
  );
}

function ArrivalModal({
  open,
  callout,
  onClose,
}: {
  open: boolean;
  callout: CalloutRow | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ arrivedAt: Dayjs | null }>();
  const save = useFeedbackMutation({
    mutationFn: (v: { arrivedAt: Dayjs | null }) =>
      calloutsApi.arrive(callout!, beijingInstant(v.arrivedAt!)),
    success: L.arrived,
    invalidate: [calloutKeys.all],
    errors: { target: { form, fields: ['arrivedAt'] }, refetch: [calloutKeys.all] },
    onSuccess: onClose,
  });
  return (
    <FormModal<{ arrivedAt: Dayjs | null }>
      open={open}
      title={L.arriveTitle}
      formName="calloutArrivalForm"
      form={form}
      mutation={save}
      onClose={onClose}
      initialValues={{ arrivedAt: beijingNowForPicker() }}
    >
      {callout ? (
        <Typography.Paragraph>
          {callout.date} {callout.staffName}：{callout.matter}
        </Typography.Paragraph>
      ) : null}
      <Form.Item
        label={L.columns.arrivedAt}
        name="arrivedAt"
        rules={[required(L.columns.arrivedAt, true)]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: 220 }}
        />
      </Form.Item>
    </FormModal>
  );
}
