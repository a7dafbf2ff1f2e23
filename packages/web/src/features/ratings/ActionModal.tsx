import {
  DatePicker,
  Descriptions,
  Form,
  Radio,
  Select,
  Typography,
  type DescriptionsProps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { displayReceiptNo } from '@bianmin/domain';
import { useStaffQuery } from '../../api/queries.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal, type RecordModalProps } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { ratingKeys, ratingsApi, type SatisfactionRating } from './api.ts';

const L = t.ratings;

export type RatingAction = 'assign' | 'contact' | 'reply' | 'close' | 'contest' | 'decide';

interface Values {
  staffId?: number;
  contactedAt?: Dayjs | null;
  note?: string;
  rectification?: string;
  reply?: string;
  reason?: string;
  decision?: 'upheld' | 'rejected';
}

const TITLES: Record<RatingAction, string> = {
  assign: L.assignTitle,
  contact: L.contactTitle,
  reply: L.replyTitle,
  close: L.closeTitle,
  contest: L.contestTitle,
  decide: L.decideTitle,
};
const DONE: Record<RatingAction, string> = {
  assign: L.assigned,
  contact: L.contacted,
  reply: L.replied,
  close: L.closed,
  contest: L.contested,
  decide: L.decided,
};

function run(action: RatingAction, r: SatisfactionRating, v: Values) {
  const version = r.followUp?.version ?? 0;
  switch (action) {
    case 'assign':
      return ratingsApi.assign(r.id, { version, staffId: v.staffId! });
    case 'contact':
      return ratingsApi.contact(r.id, {
        version,
        note: v.note!.trim(),
        ...(v.contactedAt ? { contactedAt: v.contactedAt.toISOString() } : {}),
      });
    case 'reply':
      return ratingsApi.reply(r.id, {
        version,
        rectification: v.rectification!.trim(),
        reply: v.reply!.trim(),
      });
    case 'close':
      return ratingsApi.close(r.id, { version });
    case 'contest':
      return ratingsApi.contest(r.id, { reason: v.reason!.trim() });
    case 'decide':
      return ratingsApi.decide(r.id, {
        version: r.contest!.version,
        decision: v.decision!,
        reason: v.reason!.trim(),
      });
  }
}

/**
 * What the step is about, so that no one decides blind: the case, the rating with how and when it
 * was given, the applicant's own words, whom it rates, and (for the group's decision) the contest.
 */
function RatingSummary({ r, withContest }: { r: SatisfactionRating; withContest: boolean }) {
  const S = L.summary;
  const items: DescriptionsProps['items'] = [
    {
      key: 'case',
      label: S.case,
      children: `${displayReceiptNo(r.receiptNo)} ${r.itemName}，${S.closedAt(formatDateTime(r.caseClosedAt))}`,
    },
    {
      key: 'rating',
      label: S.rating,
      children: (
        <>
          <strong>{L.levels[r.level]}</strong>
          {r.reasons.length ? `（${r.reasons.join('、')}）` : ''}，
          {L.channelBy(L.channels[r.channel]!, r.enteredByName)}，
          {S.ratedAt(formatDateTime(r.ratedAt))}
        </>
      ),
    },
    ...(r.text ? [{ key: 'text', label: S.text, children: `“${r.text}”` }] : []),
    { key: 'staff', label: S.staff, children: r.staffName ?? '—' },
    ...(withContest && r.contest
      ? [
          {
            key: 'contest',
            label: S.contest,
            children: (
              <>
                {S.contestBy(r.contest.staffName, formatDateTime(r.contest.filedAt))}
                {r.contest.reason}
              </>
            ),
          },
        ]
      : []),
  ];
  return (
    <Descriptions
      className="block-gap rating-summary"
      size="small"
      column={1}
      bordered
      items={items}
    />
  );
}

/**
 * One step on a rating: the director assigns a 差评's follow-up, the assignee records the call-back
 * and the rectification with the reply, the director closes it; the rated person contests a
 * rating, the assessment group decides the contest. A refusal shows the server's words.
 */
export function ActionModal({
  action,
  open,
  record,
  onClose,
}: RecordModalProps<SatisfactionRating> & { action: RatingAction }) {
  const [form] = Form.useForm<Values>();
  const staff = useStaffQuery('', false, open && action === 'assign');
  const mutation = useFeedbackMutation({
    mutationFn: (v: Values) => run(action, record!, v),
    success: DONE[action],
    invalidate: [ratingKeys.all, ['board']],
    errors: {
      target: {
        form,
        fields: ['staffId', 'contactedAt', 'note', 'rectification', 'reply', 'reason'],
      },
      refetch: [ratingKeys.all],
      onConflict: onClose,
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<Values>
      open={open}
      title={TITLES[action]}
      formName={`rating-${action}`}
      form={form}
      mutation={mutation}
      onClose={onClose}
      okText={action === 'close' ? L.actions.close : t.common.save}
      width={640}
      initialValues={{
        ...(action === 'assign' && record?.followUp?.assignedToStaffId
          ? { staffId: record.followUp.assignedToStaffId }
          : {}),
      }}
    >
      {record ? <RatingSummary r={record} withContest={action === 'decide'} /> : null}
      {action === 'assign' ? (
        <Form.Item
          label={L.assignee}
          name="staffId"
          rules={[{ required: true, message: `请选择${L.assignee}` }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={staff.isPending}
            options={(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      ) : null}
      {action === 'contact' ? (
        <>
          <Form.Item label={L.contactedAt} name="contactedAt" extra={L.contactedAtHelp}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <TextAreaItem label={L.contactNote} name="note" max={500} rows={3} />
        </>
      ) : null}
      {action === 'reply' ? (
        <>
          <TextAreaItem label={L.rectification} name="rectification" max={1000} rows={3} />
          <TextAreaItem label={L.reply} name="reply" max={500} rows={3} extra={L.replyHelp} />
        </>
      ) : null}
      {action === 'close' ? <Typography.Paragraph>{L.closeConfirm}</Typography.Paragraph> : null}
      {action === 'contest' ? (
        <TextAreaItem
          label={L.contestReason}
          name="reason"
          max={500}
          rows={4}
          extra={L.contestHelp}
        />
      ) : null}
      {action === 'decide' ? (
        <>
          <Form.Item
            label={L.decision}
            name="decision"
            rules={[{ required: true, message: `请选择${L.decision}` }]}
            extra={L.decideHelp}
          >
            <Radio.Group
              className="rating-decisions"
              options={(['upheld', 'rejected'] as const).map((d) => ({
                value: d,
                label: L.decisions[d],
              }))}
            />
          </Form.Item>
          <TextAreaItem label={L.decisionReason} name="reason" max={500} rows={3} />
        </>
      ) : null}
    </FormModal>
  );
}
