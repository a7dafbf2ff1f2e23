import { Button, Card, Descriptions, Form, Select, Tag, Typography } from 'antd';
import {
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  SATISFACTION_REASONS,
  type SatisfactionLevel,
} from '@bianmin/domain';
import { useCan } from '../../auth/session.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal, useModalState } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { ratingKeys, ratingsApi, useCaseRatingQuery } from './api.ts';

const C = t.caseRating;
const L = t.ratings;

interface Values {
  level: SatisfactionLevel;
  reasons?: string[];
  text?: string;
}

/**
 * 群众评价 on a closed case's page: the rating given, or, for a clerk who did not handle the case, the
 * entry of a paper card or the window's evaluator (the server refuses one's own case).
 */
export function CaseRatingCard({ caseId, closed }: { caseId: number; closed: boolean }) {
  const rating = useCaseRatingQuery(caseId);
  const canEnter = useCan('cases.work');
  const modal = useModalState<null>();
  const r = rating.data;
  return (
    <Card title={<h2 className="card-title">{C.title}</h2>} className="case-section">
      {r ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'level',
              label: C.level,
              children: (
                <>
                  <Tag>{L.levels[r.level]}</Tag>
                  {r.excluded ? <Tag>{L.excluded}</Tag> : null}
                  {L.channelBy(L.channels[r.channel]!, r.enteredByName)}，
                  {formatDateTime(r.ratedAt)}
                </>
              ),
            },
            ...(r.reasons.length
              ? [{ key: 'reasons', label: C.reasons, children: r.reasons.join('、') }]
              : []),
            ...(r.text ? [{ key: 'text', label: C.text, children: r.text }] : []),
            ...(r.followUp
              ? [
                  {
                    key: 'followUp',
                    label: L.columns.followUp,
                    children: L.followUpStatuses[r.followUp.status],
                  },
                ]
              : []),
          ]}
        />
      ) : (
        <Typography.Paragraph type="secondary">{C.none}</Typography.Paragraph>
      )}
      {!r && closed && canEnter && rating.isSuccess ? (
        <Button onClick={modal.openCreate}>{C.enter}</Button>
      ) : null}
      <EnterModal caseId={caseId} open={modal.open} onClose={modal.close} />
    </Card>
  );
}

function EnterModal({
  caseId,
  open,
  onClose,
}: {
  caseId: number;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form);
  const enter = useFeedbackMutation({
    mutationFn: (v: Values) =>
      ratingsApi.enter(caseId, { level: v.level, reasons: v.reasons ?? [], text: v.text ?? '' }),
    success: C.entered,
    invalidate: [ratingKeys.all],
    errors: { target: { form, fields: ['level', 'reasons', 'text'] } },
    onSuccess: onClose,
  });
  return (
    <FormModal<Values>
      open={open}
      title={C.enterTitle}
      formName="enterRating"
      form={form}
      mutation={enter}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{C.enterHelp}</Typography.Paragraph>
      <Form.Item
        label={C.level}
        name="level"
        rules={[{ required: true, message: `请选择${C.level}` }]}
      >
        <Select
          options={SATISFACTION_LEVELS.map((l) => ({ value: l, label: SATISFACTION_LABELS[l] }))}
          onChange={() => form.setFieldValue('reasons', [])}
        />
      </Form.Item>
      <Form.Item label={C.reasons} name="reasons">
        <Select
          mode="multiple"
          disabled={!level}
          options={(level ? SATISFACTION_REASONS[level] : []).map((x) => ({ value: x, label: x }))}
        />
      </Form.Item>
      <TextAreaItem label={C.text} name="text" max={200} rows={3} optional />
    </FormModal>
  );
}
