import { useState } from 'react';
import { Button, Descriptions, Form, Typography } from 'antd';
import { ERRORS, isErrorCode } from '@bianmin/contracts';
import { DaysInput, TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { formatDateTime } from '../../lib/time.ts';
import { useCenterScope } from '../../center/scope.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  extensionsApi,
  useCaseExtensionsQuery,
  useRefreshAfterChange,
  type CaseExtensions,
} from './api.ts';

const L = t.extensions;

/** Refusals that mean "nothing to ask for here" rather than "not now": no button at all. */
const SILENT = new Set([
  'CASE_STATE',
  'NOT_FOR_IMMEDIATE',
  'ALREADY_EXTENDED',
  'EXTENSION_PENDING',
]);

const reasonText = (code: string | null) =>
  code && isErrorCode(code) ? ERRORS[code].message : (code ?? '');

/**
 * 申请延期, for the holder of a running case: the button and its form. When the holder cannot ask
 * now (the deadline has passed), the button is shown disabled with the reason beside it.
 */
export function ExtensionRequestButton({ caseId }: { caseId: number }) {
  const q = useCaseExtensionsQuery(caseId);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(false);
  const x = q.data;
  if (!x || !x.mayRequest) return null;
  const { outlook } = x;
  if (!outlook.canRequest) {
    if (SILENT.has(outlook.reasonCode ?? '')) return null;
    const why = reasonText(outlook.reasonCode);
    return (
      <span className="extension-blocked">
        <Button disabled aria-describedby={`extension-blocked-${caseId}`}>
          {L.request}
        </Button>
        <Typography.Text type="danger" id={`extension-blocked-${caseId}`} role="note">
          {why}
        </Typography.Text>
      </span>
    );
  }
  return (
    <>
      <Button
        onClick={() => {
          setShown(true);
          setOpen(true);
        }}
      >
        {L.request}
      </Button>
      {shown ? (
        <RequestModal caseId={caseId} x={x} open={open} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

interface Values {
  days?: number;
  reason?: string;
}

function RequestModal({
  caseId,
  x,
  open,
  onClose,
}: {
  caseId: number;
  x: CaseExtensions;
  open: boolean;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const refresh = useRefreshAfterChange();
  const [form] = Form.useForm<Values>();
  const days = Form.useWatch('days', form);
  const { outlook } = x;
  const unit = L.unitWords[outlook.unit] ?? '';
  const preview = outlook.previews.find((p) => p.days === days);
  const mutation = useFeedbackMutation({
    mutationFn: (v: Values) =>
      extensionsApi.request(scope.query, caseId, {
        days: v.days ?? 0,
        reason: (v.reason ?? '').trim(),
      }),
    success: L.requestOk,
    errors: {
      target: {
        form,
        fields: ['days', 'reason'],
        labels: { days: L.days, reason: L.reason },
        codes: { EXTENSION_TOO_LONG: 'days', EXTENSION_REASON_REQUIRED: 'reason' },
      },
      onConflict: () => {
        refresh();
        onClose();
      },
    },
    onSuccess: () => {
      refresh();
      onClose();
    },
  });
  return (
    <FormModal<Values>
      open={open}
      title={L.requestTitle}
      formName="extension-request"
      form={form}
      mutation={mutation}
      onClose={onClose}
      okText={L.request}
    >
      <Descriptions
        size="small"
        column={1}
        className="block-gap"
        items={[
          {
            key: 'now',
            label: L.deadlineNow,
            children: formatDateTime(outlook.deadlineAt),
          },
          {
            key: 'after',
            label: L.deadlineAfter,
            children: preview ? (
              <span>
                <strong>{formatDateTime(preview.deadlineAt)}</strong>
                <Typography.Text type="secondary"> {L.deadlineAfterHint}</Typography.Text>
              </span>
            ) : (
              <Typography.Text type="secondary">{t.common.none}</Typography.Text>
            ),
          },
        ]}
      />
      <Form.Item
        label={L.days}
        name="days"
        extra={outlook.maxDays === null ? L.ruleOnly : L.daysHelp(outlook.maxDays, unit)}
        rules={[required(L.days, true)]}
      >
        <DaysInput max={outlook.maxDays ?? undefined} suffix={unit} />
      </Form.Item>
      <TextAreaItem
        label={L.reason}
        name="reason"
        max={1000}
        rows={3}
        placeholder={L.reasonPlaceholder}
      />
    </FormModal>
  );
}
