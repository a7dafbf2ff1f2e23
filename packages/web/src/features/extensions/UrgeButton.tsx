import { useState } from 'react';
import { Button, Form, Typography } from 'antd';
import { displayReceiptNo } from '@bianmin/domain';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { t } from '../../locale/zh-CN.ts';
import { extensionsApi, useRefreshAfterChange } from './api.ts';
import './extensions.css';

const L = t.urge;

/**
 * 催办: a leader presses the holder of a case. The button opens a short form (an optional note);
 * the holder gets it in the inbox and the case trail records it. Shown only to those who may urge
 * (the caller checks `cases.urge`).
 */
export function UrgeButton({
  caseId,
  receiptNo,
  size,
}: {
  caseId: number;
  receiptNo: string;
  size?: 'small' | 'middle';
}) {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(false);
  const no = displayReceiptNo(receiptNo);
  return (
    <>
      <Button
        size={size}
        aria-label={L.buttonLabel(no)}
        onClick={() => {
          setShown(true);
          setOpen(true);
        }}
      >
        {L.button}
      </Button>
      {shown ? (
        <UrgeModal caseId={caseId} receiptNo={no} open={open} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

function UrgeModal({
  caseId,
  receiptNo,
  open,
  onClose,
}: {
  caseId: number;
  receiptNo: string;
  open: boolean;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const refresh = useRefreshAfterChange();
  const [form] = Form.useForm<{ note?: string }>();
  const mutation = useFeedbackMutation({
    mutationFn: (v: { note?: string }) =>
      extensionsApi.urge(scope.query, caseId, (v.note ?? '').trim()),
    success: L.ok,
    errors: { target: { form, fields: ['note'], labels: { note: L.note } } },
    onSuccess: () => {
      refresh();
      onClose();
    },
  });
  return (
    <FormModal<{ note?: string }>
      open={open}
      title={L.title(receiptNo)}
      formName={`urge-${caseId}`}
      form={form}
      mutation={mutation}
      onClose={onClose}
      okText={L.button}
    >
      <Typography.Paragraph type="secondary">{L.hint}</Typography.Paragraph>
      <TextAreaItem
        label={L.note}
        name="note"
        max={500}
        rows={3}
        optional
        placeholder={L.notePlaceholder}
      />
    </FormModal>
  );
}

/** How often a case was urged, for a table cell: nothing when never, red from three times. */
export function UrgeCount({ count }: { count: number }) {
  if (count === 0) return <Typography.Text type="secondary">{L.countValue(0)}</Typography.Text>;
  return (
    <span className={count >= 3 ? 'urge-count urge-count-many' : 'urge-count'}>
      {L.countValue(count)}
    </span>
  );
}
