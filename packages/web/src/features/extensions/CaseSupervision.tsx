import { Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { EXTENSION_REQUEST_STATUS_LABELS } from '@bianmin/contracts';
import { useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  extensionsApi,
  useCaseExtensionsQuery,
  useCaseUrgesQuery,
  useRefreshAfterChange,
  type ExtensionRequest,
} from './api.ts';
import { ExtensionDecision } from './ExtensionDecision.tsx';
import { ExtensionRequestButton } from './ExtensionRequestButton.tsx';
import { STATUS_COLORS } from './status.ts';
import { UrgeButton } from './UrgeButton.tsx';
import './extensions.css';

const L = t.extensions;
const U = t.urge;

/** The case page's header buttons of this feature: 申请延期 (the holder), 催办 (a leader). */
export function CaseSupervisionActions({
  caseId,
  receiptNo,
}: {
  caseId: number;
  receiptNo: string;
}) {
  const urges = useCaseUrgesQuery(caseId);
  return (
    <>
      <ExtensionRequestButton caseId={caseId} />
      {urges.data?.mayUrge ? <UrgeButton caseId={caseId} receiptNo={receiptNo} /> : null}
    </>
  );
}

/**
 * The case's extension requests and urges: each request with its state (the holder may withdraw a
 * waiting one; a leader decides it here), and how often the case was urged, by whom and when.
 * Nothing when there is neither.
 */
export function CaseSupervision({ caseId }: { caseId: number }) {
  const ext = useCaseExtensionsQuery(caseId);
  const urges = useCaseUrgesQuery(caseId);
  const requests = ext.data?.items ?? [];
  const u = urges.data;
  if (requests.length === 0 && (!u || u.count === 0)) return null;
  return (
    <Card
      title={<h2 className="card-title">{`${L.cardTitle}、${U.cardTitle}`}</h2>}
      className="case-section"
    >
      {requests.length > 0 ? (
        <>
          <h3 className="case-subtitle">{L.cardTitle}</h3>
          {requests.map((r) => (
            <div key={r.id} className="extension-request-item">
              {r.status === 'pending' && ext.data?.mayDecide ? (
                <ExtensionDecision caseId={caseId} requestId={r.id} />
              ) : (
                <RequestLine r={r} />
              )}
            </div>
          ))}
        </>
      ) : null}
      {u && u.count > 0 ? (
        <>
          <h3 className="case-subtitle">{U.cardTitle}</h3>
          <Typography.Paragraph>{U.summary(u.count)}</Typography.Paragraph>
          <ul className="materials-list">
            {u.items.map((x, i) => (
              <li key={i}>
                {U.line(x.byName, formatDateTime(x.at))}
                {x.note ? `：${x.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

/** One request as its holder and others see it; the one who asked may withdraw a waiting one. */
function RequestLine({ r }: { r: ExtensionRequest }) {
  const me = useMe();
  const scope = useCenterScope();
  const refresh = useRefreshAfterChange();
  const withdraw = useFeedbackMutation({
    mutationFn: () => extensionsApi.withdraw(scope.query, r.id, r.version),
    success: L.withdrawOk,
    errors: { onConflict: refresh },
    onSuccess: refresh,
  });
  const unit = L.unitWords[r.unit] ?? '';
  const mine = me.staffId !== null && me.staffId === r.requestedByStaffId;
  return (
    <Space orientation="vertical" size={2}>
      <span>
        <Tag color={STATUS_COLORS[r.status]}>{EXTENSION_REQUEST_STATUS_LABELS[r.status]}</Tag>
        {L.requestedLine(r.requestedByName, r.days, unit, formatDateTime(r.requestedAt))}
      </span>
      <span>{L.reasonLine(r.reason)}</span>
      {r.status === 'pending' ? (
        <Space wrap>
          <Typography.Text type="secondary">{L.waitingHint}</Typography.Text>
          {mine ? (
            <Popconfirm
              title={L.withdrawConfirm}
              okText={L.withdraw}
              cancelText={t.common.cancel}
              onConfirm={() => withdraw.mutate(undefined)}
            >
              <Button size="small" loading={withdraw.isPending}>
                {L.withdraw}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ) : r.decidedAt ? (
        <Typography.Text type="secondary">
          {L.decidedLine(
            EXTENSION_REQUEST_STATUS_LABELS[r.status],
            r.decidedByName ?? '',
            formatDateTime(r.decidedAt),
          )}
          {r.decisionReason ? `；${L.decisionReasonLine(r.decisionReason)}` : ''}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
