import { Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { FIELD_LABELS } from '@bianmin/contracts';
import { useStaffQuery } from '../../api/queries.ts';
import { reportKeys, reportsApi, type ReportChannel } from '../../api/reports.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { todayInCenter, toIsoDate, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { itemLabel } from '../assessment/format.ts';

const L = t.reports;
const CHANNELS: readonly ReportChannel[] = ['hotline', 'online', 'letter', 'visit'];
export const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

interface RegisterValues {
  channel: ReportChannel;
  reporterName: string;
  reporterContact: string;
  details: string;
  staffId?: number;
  occurredOn?: Dayjs | null;
  item?: number;
}

/** 登记举报: any hour of the day; the server stamps the time it came in. */
export function RegisterReportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const scope = useCenterScope();
  const [form] = Form.useForm<RegisterValues>();
  const staff = useStaffQuery('', false, open);
  const staffOptions = (staff.data ?? []).map((s) => ({
    value: s.id,
    label: `${s.staffNo} ${s.name}（${s.windowName ?? s.position}）`,
  }));
  const save = useFeedbackMutation({
    mutationFn: (v: RegisterValues) =>
      reportsApi.register(scope.query, {
        channel: v.channel,
        reporterName: v.reporterName.trim(),
        reporterContact: v.reporterContact.trim(),
        details: v.details.trim(),
        staffId: v.staffId ?? null,
        occurredOn: toIsoDate(v.occurredOn) ?? null,
        item: v.item ?? null,
      }),
    success: (r) => L.registered(r.id),
    invalidate: [reportKeys.all],
    errors: {
      target: {
        form,
        fields: [
          'channel',
          'reporterName',
          'reporterContact',
          'details',
          'staffId',
          'occurredOn',
          'item',
        ],
      },
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<RegisterValues>
      open={open}
      title={L.registerTitle}
      formName="registerReportForm"
      form={form}
      width={720}
      okText={L.create}
      initialValues={{ channel: 'hotline' }}
      mutation={save}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{L.registerIntro}</Typography.Paragraph>
      <Form.Item label={L.channel} name="channel" rules={[required(L.channel, true)]}>
        <Radio.Group
          optionType="button"
          options={CHANNELS.map((c) => ({ value: c, label: L.channels[c] }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item
            label={FIELD_LABELS.reporterName}
            name="reporterName"
            rules={[
              required(FIELD_LABELS.reporterName!),
              maxLength(FIELD_LABELS.reporterName!, 50),
            ]}
          >
            <Input maxLength={50} autoComplete="off" placeholder={L.reporterNamePlaceholder} />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            label={FIELD_LABELS.reporterContact}
            name="reporterContact"
            rules={[
              required(FIELD_LABELS.reporterContact!),
              maxLength(FIELD_LABELS.reporterContact!, 100),
            ]}
          >
            <Input maxLength={100} autoComplete="off" placeholder={L.reporterContactPlaceholder} />
          </Form.Item>
        </Col>
      </Row>
      <TextAreaItem
        label={L.details}
        name="details"
        max={2000}
        rows={4}
        showCount
        placeholder={L.detailsPlaceholder}
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={L.about} name="staffId">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={staffOptions}
              loading={staff.isPending}
              placeholder={L.staffPlaceholder}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={L.occurredOn} name="occurredOn">
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(todayInCenter(), 'day')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={L.item} name="item">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={ITEMS.map((i) => ({ value: i, label: itemLabel(i) }))}
          placeholder={L.itemPlaceholder}
        />
      </Form.Item>
    </FormModal>
  );
}
