import { Descriptions, Form, Typography } from 'antd';
import { displayReceiptNo } from '@bianmin/domain';
import { catalogKeys } from '../../api/catalog.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal, type RecordModalProps } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { DATE_FORMAT, formatDateTime, formatInCenter, todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  announcementKeys,
  announcementsApi,
  useAnnouncementSettingsQuery,
  type Announcement,
} from './api.ts';
import { boardUntil, publishBody } from './format.ts';

const L = t.announcements;
const B = L.board;

export type Decision = 'publish' | 'withhold';

/** The one text each decision asks for: the line to publish, or why not. */
interface Values {
  text: string;
}

/** What differs between 公告 and 不予公告. */
const DECISIONS = {
  publish: {
    title: L.publishTitle,
    okText: L.publishOk,
    label: L.resultLine,
    max: 100,
    extra: L.resultLineHelp,
    placeholder: undefined,
    initial: (a: Announcement) => a.resultLine,
    run: (a: Announcement, text: string) => announcementsApi.publish(a.id, publishBody(a, text)),
    success: (a: Announcement) => L.publishedOk(formatDateTime(a.until)),
  },
  withhold: {
    title: L.withholdTitle,
    okText: L.withholdOk,
    label: L.reason,
    max: 200,
    extra: undefined,
    placeholder: L.reasonPlaceholder,
    initial: () => '',
    run: (a: Announcement, text: string) =>
      announcementsApi.withhold(a.id, { version: a.version, reason: text.trim() }),
    success: () => L.withheld,
  },
} satisfies Record<Decision, unknown>;

/**
 * 公告 (the line as the public board will show it, the result editable to shorten it or leave out
 * what is private) or 不予公告 (with the reason, audited). A refusal (decided elsewhere meanwhile)
 * shows the server's message, reloads the list and closes the dialog; a decision also changes the director's board.
 */
export function DecideModal({
  decision,
  open,
  record,
  onClose,
}: RecordModalProps<Announcement> & { decision: Decision }) {
  const d = DECISIONS[decision];
  const scope = useCenterScope();
  const [form] = Form.useForm<Values>();
  const decide = useFeedbackMutation({
    mutationFn: (v: Values) => d.run(record!, v.text),
    success: d.success,
    invalidate: [announcementKeys.all, catalogKeys.boardAll(scope.centerId)],
    errors: {
      target: { form, fields: ['text'], alias: { resultLine: 'text', reason: 'text' } },
      refetch: [announcementKeys.all],
      onConflict: onClose,
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<Values>
      open={open}
      title={d.title}
      formName={`${decision}AnnouncementForm`}
      form={form}
      okText={d.okText}
      width={decision === 'publish' ? 640 : 560}
      mutation={decide}
      onClose={onClose}
      initialValues={{ text: record ? d.initial(record) : '' }}
    >
      {record && decision === 'publish' ? <BoardPreview record={record} open={open} /> : null}
      {record && decision === 'withhold' ? (
        <Typography.Paragraph>
          {L.withholdIntro(displayReceiptNo(record.receiptNo), record.itemName)}
        </Typography.Paragraph>
      ) : null}
      <TextAreaItem
        label={d.label}
        name="text"
        max={d.max}
        rows={3}
        showCount
        extra={d.extra}
        placeholder={d.placeholder}
      />
    </FormModal>
  );
}

/** Exactly what the public board will show, following the result line as it is typed. */
function BoardPreview({ record, open }: { record: Announcement; open: boolean }) {
  const typed = Form.useWatch<string | undefined>('text');
  const settings = useAnnouncementSettingsQuery(open);
  const days = settings.data?.publishDays;
  const today = todayInCenter().format(DATE_FORMAT);
  return (
    <>
      <Typography.Paragraph>{L.publishIntro}</Typography.Paragraph>
      <Descriptions
        title={record.itemName}
        size="small"
        bordered
        column={1}
        className="block-gap announcement-preview"
        items={[
          { key: 'receiptNo', label: B.receiptNo, children: displayReceiptNo(record.receiptNo) },
          { key: 'applicant', label: B.applicant, children: record.applicantShown },
          {
            key: 'completedOn',
            label: B.completedOn,
            children: formatInCenter(record.completedAt, DATE_FORMAT),
          },
          {
            key: 'resultLine',
            label: B.resultLine,
            children: (typed ?? record.resultLine).trim() || t.common.none,
          },
          {
            key: 'until',
            label: B.until,
            children: days ? L.boardUntil(boardUntil(today, days), days) : L.boardUntilUnknown,
          },
        ]}
      />
    </>
  );
}
