import { Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useCenterScope } from '../../center/scope.ts';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  announcementKeys,
  announcementsApi,
  useAnnouncementSettingsQuery,
  type AnnouncementSettings,
} from './api.ts';

const L = t.announcements;

type SettingsValues = Pick<AnnouncementSettings, 'publishDays'>;

/** 公告设置: how many calendar days an announcement stays on the public board. */
export function AnnouncementSettingsCard() {
  const settings = useAnnouncementSettingsQuery();
  const { data } = settings;
  let body;
  if (settings.isError)
    body = <QueryErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  // A new version (saved here or elsewhere) starts the form from what is stored.
  else if (data) body = <SettingsForm key={data.version} settings={data} />;
  else body = <Skeleton active paragraph={{ rows: 2 }} />;
  return (
    <Card title={<h2 className="card-title">{L.settingsTitle}</h2>}>
      <Typography.Paragraph type="secondary">{L.settingsIntro}</Typography.Paragraph>
      {body}
    </Card>
  );
}

function SettingsForm({ settings }: { settings: AnnouncementSettings }) {
  const scope = useCenterScope();
  const [form] = Form.useForm<SettingsValues>();
  const save = useFeedbackMutation({
    mutationFn: (v: SettingsValues) =>
      announcementsApi.updateSettings(scope.query, {
        publishDays: v.publishDays,
        version: settings.version,
      }),
    success: L.settingsSaved,
    invalidate: [announcementKeys.all],
    errors: {
      target: { form, fields: ['publishDays'] },
      refetch: [announcementKeys.settings(scope.centerId)],
    },
  });
  return (
    <Form<SettingsValues>
      form={form}
      name="announcementSettings"
      layout="vertical"
      initialValues={{ publishDays: settings.publishDays }}
      onFinish={(v) => save.mutate(v)}
    >
      <Form.Item
        label={L.publishDays}
        name="publishDays"
        extra={L.publishDaysHelp}
        rules={[required(L.publishDays, true)]}
      >
        <InputNumber<number> min={1} max={90} precision={0} style={{ width: 120 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {L.saveSettings}
      </Button>
    </Form>
  );
}
