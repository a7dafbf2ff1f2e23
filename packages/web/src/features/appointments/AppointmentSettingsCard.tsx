import { Button, Card, Form, InputNumber, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { SLOT_MINUTES_ALLOWED } from '@bianmin/domain';
import { useCenterScope } from '../../center/scope.ts';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  bookingKeys,
  bookingsApi,
  useAppointmentSettingsQuery,
  type AppointmentSettings,
} from './api.ts';
import { settingsBody, settingsValues, type SettingsValues } from './format.ts';

const L = t.appointments;
type WindowRow = AppointmentSettings['windows'][number];

/** 预约设置: slot length, how far ahead, the no-show rule, and each window's places per slot. */
export function AppointmentSettingsCard() {
  const settings = useAppointmentSettingsQuery();
  return (
    <Card title={<h2 className="card-title">{L.settingsTitle}</h2>}>
      <Typography.Paragraph type="secondary">{L.settingsIntro}</Typography.Paragraph>
      {settings.isError ? (
        <QueryErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.data ? (
        // A new version (saved here or elsewhere) starts the form from what is stored.
        <SettingsForm key={settings.data.version} settings={settings.data} />
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </Card>
  );
}

const number = (name: keyof SettingsValues, label: string, min: number, max: number) => (
  <Form.Item name={name} noStyle rules={[required(label, true)]}>
    <InputNumber<number>
      aria-label={label}
      min={min}
      max={max}
      precision={0}
      style={{ width: 90 }}
    />
  </Form.Item>
);

function SettingsForm({ settings }: { settings: AppointmentSettings }) {
  const scope = useCenterScope();
  const [form] = Form.useForm<SettingsValues>();
  const key = bookingKeys.settings(scope.centerId);
  const save = useFeedbackMutation({
    mutationFn: (v: SettingsValues) =>
      bookingsApi.updateSettings(scope.query, settingsBody(v, settings)),
    success: L.settingsSaved,
    // The places offered follow the windows' numbers.
    invalidate: [bookingKeys.all],
    errors: {
      target: {
        form,
        fields: ['slotMinutes', 'daysAhead', 'noShowLimit', 'noShowWindowDays', 'suspendDays'],
      },
      refetch: [key],
    },
  });

  const columns = [
    {
      title: L.window,
      key: 'window',
      render: (_: unknown, w: WindowRow) => (
        <>
          {w.number} {w.name}
          {w.active ? null : <Tag className="booking-inactive">{L.windowInactive}</Tag>}
        </>
      ),
    },
    { title: L.windowUnit, dataIndex: 'windowUnitName' },
    {
      title: L.capacity,
      key: 'capacity',
      width: 260,
      render: (_: unknown, w: WindowRow) => (
        <span className="booking-capacity">
          <Form.Item name={['capacity', String(w.windowId)]} noStyle>
            <InputNumber<number>
              aria-label={L.capacityOf(`${w.number} ${w.name}`)}
              min={0}
              max={50}
              precision={0}
              style={{ width: 90 }}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={[['capacity', String(w.windowId)]]}>
            {({ getFieldValue }) =>
              getFieldValue(['capacity', String(w.windowId)]) === 0 ? (
                <span className="booking-muted">{L.noBooking}</span>
              ) : null
            }
          </Form.Item>
        </span>
      ),
    },
  ];

  return (
    <Form<SettingsValues>
      form={form}
      name="appointmentSettings"
      layout="vertical"
      initialValues={settingsValues(settings)}
      onFinish={(v) => save.mutate(v)}
      className="booking-settings"
    >
      <Form.Item label={L.slotMinutes} name="slotMinutes" rules={[required(L.slotMinutes, true)]}>
        <Select<number>
          style={{ width: 160 }}
          options={SLOT_MINUTES_ALLOWED.map((m) => ({ value: m, label: L.minutes(m) }))}
        />
      </Form.Item>
      <Form.Item label={L.daysAhead} extra={L.daysAheadHelp} required>
        <span className="booking-rule">
          {number('daysAhead', L.daysAhead, 1, 30)}
          <span>{L.daysAheadUnit}</span>
        </span>
      </Form.Item>
      <Form.Item label={L.noShowRule} extra={L.noShowRuleHelp} required>
        <span className="booking-rule">
          <span>{L.noShowRuleLead}</span>
          {number('noShowWindowDays', L.noShowWindowDays, 1, 365)}
          <span>{L.noShowRuleMid}</span>
          {number('noShowLimit', L.noShowLimit, 1, 20)}
          <span>{L.noShowRuleTail}</span>
          {number('suspendDays', L.suspendDays, 0, 365)}
          <span>{L.noShowRuleEnd}</span>
        </span>
      </Form.Item>
      <Form.Item label={L.windows} extra={L.windowsHelp}>
        <Table<WindowRow>
          rowKey="windowId"
          size="small"
          pagination={false}
          dataSource={settings.windows}
          columns={columns}
          locale={{ emptyText: L.noWindows }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {L.saveSettings}
      </Button>
    </Form>
  );
}
