import { useState } from 'react';
import {
  Alert,
  Button,
  Descriptions,
  Form,
  Popconfirm,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { ERRORS, EXTENSION_REQUEST_STATUS_LABELS, isErrorCode } from '@bianmin/contracts';
import { displayReceiptNo } from '@bianmin/domain';
import { Link } from 'react-router';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  extensionsApi,
  useExtensionRequestQuery,
  useRefreshAfterChange,
  type ExtensionRequest,
} from './api.ts';
import { STATUS_COLORS } from './status.ts';
import './extensions.css';

const L = t.extensions;

const errorText = (code: string | null) =>
  code && isErrorCode(code) ? ERRORS[code].message : (code ?? '');

/**
 * A leader's decision on one extension request: who asked, how many days and why, the deadline now
 * and after; 批准 / 不批准 (with a reason) for those who may approve. Shown in the inbox, on the case
 * page and on the list of requests; a decided request shows its outcome.
 */
export function ExtensionDecision({
  caseId,
  requestId,
  showCaseLink = false,
}: {
  caseId: number;
  requestId: number;
  /** On pages away from the case (the list), a link to it. */
  showCaseLink?: boolean;
}) {
  const q = useExtensionRequestQuery(requestId);
  const r = q.data;
  if (q.isError) return <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return <Skeleton active paragraph={{ rows: 2 }} title={false} aria-label={L.loading} />;
  const unit = L.unitWords[r.unit] ?? '';
  return (
    <section className="extension-decision" aria-label={L.decisionTitle}>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'case',
            label: L.caseLabel,
            children: (
              <span>
                <span className="receipt-no">{displayReceiptNo(r.receiptNo)}</span>{' '}
                {r.itemName ?? r.subject}
                {showCaseLink && caseId ? (
                  <>
                    {' '}
                    <Link to={`/cases/${caseId}`} className="extension-case-link">
                      {L.openCase}
                    </Link>
                  </>
                ) : null}
              </span>
            ),
          },
          {
            key: 'who',
            label: L.applicant,
            children: L.requestedLine(
              r.requestedByName,
              r.days,
              unit,
              formatDateTime(r.requestedAt),
            ),
          },
          {
            key: 'reason',
            label: L.reason,
            children: <span className="pre-line">{r.reason}</span>,
          },
          {
            key: 'deadline',
            label: L.deadlineChange,
            children:
              r.status === 'pending' && r.newDeadlineAt ? (
                <strong>
                  {L.deadlineArrow(formatDateTime(r.deadlineAt), formatDateTime(r.newDeadlineAt))}
                </strong>
              ) : (
                formatDateTime(r.deadlineAt)
              ),
          },
        ]}
      />
      {r.status === 'pending' ? (
        <Pending r={r} />
      ) : (
        <Space orientation="vertical" size={2}>
          <span>
            <Tag color={STATUS_COLORS[r.status]}>{EXTENSION_REQUEST_STATUS_LABELS[r.status]}</Tag>
            {r.decidedAt
              ? L.decidedLine(
                  EXTENSION_REQUEST_STATUS_LABELS[r.status],
                  r.decidedByName ?? '',
                  formatDateTime(r.decidedAt),
                )
              : null}
          </span>
          {r.decisionReason ? (
            <Typography.Text type="secondary">
              {L.decisionReasonLine(r.decisionReason)}
            </Typography.Text>
          ) : null}
        </Space>
      )}
    </section>
  );
}

export default ExtensionDecision;

/** The buttons of a waiting request, for one who may approve. */
function Pending({ r }: { r: ExtensionRequest }) {
  const may = useCan('cases.approve');
  const scope = useCenterScope();
  const refresh = useRefreshAfterChange();
  const [refusing, setRefusing] = useState(false);
  const [shown, setShown] = useState(false);
  const unit = L.unitWords[r.unit] ?? '';
  const approve = useFeedbackMutation({
    mutationFn: () =>
      extensionsApi.decide(scope.query, r.id, {
        decision: 'approve',
        reason: '',
        version: r.version,
      }),
    success: L.approveOk,
    errors: { onConflict: refresh },
    onSuccess: refresh,
  });
  if (!may) return <Typography.Text type="secondary">{L.notApprover}</Typography.Text>;
  return (
    <div className="extension-decision-actions">
      {r.blockedCode ? (
        <Alert type="warning" showIcon title={L.blocked(errorText(r.blockedCode))} />
      ) : null}
      <Space wrap>
        <Popconfirm
          title={L.approve}
          description={L.approveConfirm(r.days, unit, formatDateTime(r.newDeadlineAt))}
          okText={L.approve}
          cancelText={t.common.cancel}
          onConfirm={() => approve.mutate(undefined)}
          disabled={r.blockedCode !== null}
        >
          <Button type="primary" loading={approve.isPending} disabled={r.blockedCode !== null}>
            {L.approve}
          </Button>
        </Popconfirm>
        <Button
          danger
          onClick={() => {
            setShown(true);
            setRefusing(true);
          }}
        >
          {L.refuse}
        </Button>
      </Space>
      {shown ? <RefuseModal r={r} open={refusing} onClose={() => setRefusing(false)} /> : null}
    </div>
  );
}

function RefuseModal({
  r,
  open,
  onClose,
}: {
  r: ExtensionRequest;
  open: boolean;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const refresh = useRefreshAfterChange();
  const [form] = Form.useForm<{ reason?: string }>();
  const mutation = useFeedbackMutation({
    mutationFn: (v: { reason?: string }) =>
      extensionsApi.decide(scope.query, r.id, {
        decision: 'refuse',
        reason: (v.reason ?? '').trim(),
        version: r.version,
      }),
    success: L.refuseOk,
    errors: {
      target: { form, fields: ['reason'], labels: { reason: L.refuseReason } },
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
    <FormModal<{ reason?: string }>
      open={open}
      title={L.refuseTitle}
      formName={`extension-refuse-${r.id}`}
      form={form}
      mutation={mutation}
      onClose={onClose}
      okText={L.refuse}
    >
      <TextAreaItem
        label={L.refuseReason}
        name="reason"
        max={1000}
        rows={3}
        placeholder={L.refuseReasonPlaceholder}
      />
    </FormModal>
  );
}
