import { DatePicker, Form, Radio, Typography } from 'antd';
import { reportKeys, reportsApi, type PublicReport, type ReplyMethod } from '../../api/reports.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { dayjs, todayInCenter, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.reports;
const METHODS: readonly ReplyMethod[] = ['phone', 'sms', 'letter', 'visit', 'online'];

interface ReplyValues {
  repliedAt?: Dayjs | null;
  replyMethod: ReplyMethod;
  replyContent: string;
}

/** 答复举报人: when, how and what the reporter was told; recorded once, then the report is closed. */
export function ReplyModal({
  report,
  onClose,
}: {
  report: PublicReport | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ReplyValues>();
  const decidedAt = report?.decidedAt ? dayjs(report.decidedAt) : null;
  const save = useFeedbackMutation({
    mutationFn: (v: ReplyValues) =>
      reportsApi.reply(report!.id, {
        ...(v.repliedAt ? { repliedAt: v.repliedAt.toDate().toISOString() } : {}),
        replyMethod: v.replyMethod,
        replyContent: v.replyContent.trim(),
      }),
    success: L.replied,
    invalidate: [reportKeys.all],
    errors: {
      target: { form, fields: ['repliedAt', 'replyMethod', 'replyContent'] },
      refetch: [reportKeys.all],
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<ReplyValues>
      open={report !== null}
      title={report ? L.replyTitle(report.id) : ''}
      formName="replyReportForm"
      form={form}
      okText={L.replyAction}
      width={640}
      mutation={save}
      onClose={onClose}
      initialValues={{ replyMethod: 'phone' }}
    >
      <Typography.Paragraph type="secondary">{L.replyIntro}</Typography.Paragraph>
      {report ? (
        <Typography.Paragraph>
          {L.decision}：{L.outcomes[report.status]}。{report.decisionReason}
        </Typography.Paragraph>
      ) : null}
      <Form.Item label={L.replyMethod} name="replyMethod" rules={[required(L.replyMethod, true)]}>
        <Radio.Group
          optionType="button"
          options={METHODS.map((m) => ({ value: m, label: L.replyMethods[m] }))}
        />
      </Form.Item>
      <Form.Item label={L.repliedAt} name="repliedAt" extra={L.repliedAtHelp}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: 240 }}
          disabledDate={(d) =>
            d.isAfter(todayInCenter(), 'day') || (decidedAt ? d.isBefore(decidedAt, 'day') : false)
          }
        />
      </Form.Item>
      <TextAreaItem
        label={L.replyContent}
        name="replyContent"
        max={2000}
        rows={4}
        showCount
        placeholder={L.replyContentPlaceholder}
      />
    </FormModal>
  );
}
