import {
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import { useStaffQuery } from '../../api/queries.ts';
import { reportKeys, reportsApi, type PublicReport } from '../../api/reports.ts';
import { assessmentKeys } from '../../api/assessment.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { formatDateTime, parseDate, toIsoDate, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { itemLabel } from '../assessment/format.ts';
import { ITEMS } from './RegisterReportModal.tsx';

const L = t.reports;
type Outcome = 'substantiated' | 'unsubstantiated';

interface DecideValues {
  outcome: Outcome;
  staffId?: number;
  item?: number;
  occurredOn?: Dayjs | null;
  reason: string;
  serious: boolean;
}

/** 核查处理: 属实 (a finding, that month's amount) or 不属实, with the reasons. */
export function DecideReportModal({
  report,
  onClose,
}: {
  report: PublicReport | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<DecideValues>();
  const outcome = Form.useWatch('outcome', form);
  const staff = useStaffQuery('', false, report !== null);
  const staffOptions = (staff.data ?? []).map((s) => ({
    value: s.id,
    label: `${s.staffNo} ${s.name}（${s.windowName ?? s.position}）`,
  }));
  const receivedOn = report ? parseDate(report.receivedAt.slice(0, 10)) : null;
  const save = useFeedbackMutation({
    mutationFn: (v: DecideValues) =>
      reportsApi.decide(report!.id, {
        version: report!.version,
        outcome: v.outcome,
        reason: v.reason.trim(),
        staffId: v.staffId ?? null,
        item: v.item ?? null,
        occurredOn: toIsoDate(v.occurredOn) ?? null,
        serious: v.outcome === 'substantiated' && v.serious,
      }),
    success: (r) => L.decided(L.outcomes[r.status] ?? r.status),
    invalidate: [reportKeys.all, assessmentKeys.all],
    errors: {
      target: { form, fields: ['outcome', 'staffId', 'item', 'occurredOn', 'reason'] },
      refetch: [reportKeys.all],
    },
    onSuccess: onClose,
  });
  const substantiated = outcome === 'substantiated';
  return (
    <FormModal<DecideValues>
      open={report !== null}
      title={report ? L.decideTitle(report.id) : ''}
      formName="decideReportForm"
      form={form}
      okText={L.decide}
      width={720}
      mutation={save}
      onClose={onClose}
      initialValues={{
        outcome: 'substantiated',
        staffId: report?.staffId ?? undefined,
        item: report?.item ?? undefined,
        occurredOn: parseDate(report?.occurredOn),
        serious: false,
      }}
    >
      {report ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="block-gap"
          styles={{ label: { width: 110 } }}
          items={[
            {
              key: 'received',
              label: L.receivedAt,
              children: `${formatDateTime(report.receivedAt)}（${L.channels[report.channel]}）`,
            },
            { key: 'details', label: L.details, children: report.details },
          ]}
        />
      ) : null}
      <Form.Item label={L.outcome} name="outcome" rules={[required(L.outcome, true)]}>
        <Radio.Group
          optionType="button"
          options={(['substantiated', 'unsubstantiated'] as const).map((o) => ({
            value: o,
            label: L.outcomes[o],
          }))}
        />
      </Form.Item>
      {outcome ? (
        <Typography.Paragraph type="secondary">{L.outcomeHints[outcome]}</Typography.Paragraph>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={L.about}
            name="staffId"
            rules={substantiated ? [required(L.about, true)] : []}
          >
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
          <Form.Item
            label={L.occurredOn}
            name="occurredOn"
            rules={substantiated ? [required(L.occurredOn, true)] : []}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => (receivedOn ? d.isAfter(receivedOn, 'day') : false)}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={L.item} name="item" rules={substantiated ? [required(L.item, true)] : []}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={ITEMS.map((i) => ({ value: i, label: itemLabel(i) }))}
          placeholder={L.itemPlaceholder}
        />
      </Form.Item>
      <TextAreaItem
        label={L.reason}
        name="reason"
        max={1000}
        rows={4}
        showCount
        extra={L.reasonHelp}
      />
      {substantiated ? (
        <Form.Item name="serious" valuePropName="checked">
          <Checkbox>{L.serious}</Checkbox>
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
