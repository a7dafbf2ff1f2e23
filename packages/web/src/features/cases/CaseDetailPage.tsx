import { useState } from 'react';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  type DescriptionsProps,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import {
  ACTION_LABELS,
  APPLICANT_TYPE_LABELS,
  AUTHORITY_RESULT_LABELS,
  CHANNEL_LABELS,
  HANDOVER_METHOD_LABELS,
  PAUSE_REASON_LABELS,
} from '@bianmin/contracts';
import { displayReceiptNo, materialLine, remarkOf } from '@bianmin/domain';
import { isApiError } from '../../api/client.ts';
import { casesApi, useCaseQuery, type CaseDetail, type NoticeRef } from '../../api/cases.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { formatDate, formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { CaseActionBar } from './CaseActions.tsx';
import { CaseNotices } from './CaseNotices.tsx';
import { newNotice, NoticeToPrint } from './NoticeToPrint.tsx';
import {
  CaseStatusTag,
  CountdownCell,
  DeadlineText,
  holderText,
  KindTags,
  termUnit,
} from './CaseTags.tsx';
import type { WorkingClock } from './countdown.ts';
import { useCaseErrorHandler } from './serverErrors.ts';
import { useNow, useWorkingClock } from './useWorkingClock.ts';
import './cases.css';
import { CaseRatingCard } from '../ratings/CaseRatingCard.tsx';
import { CaseSupervision, CaseSupervisionActions } from '../extensions/CaseSupervision.tsx';

const L = t.caseDetail;

export default function CaseDetailPage() {
  const params = useParams();
  const navigate = useNavigate();
  const id = Number(params.id);
  const q = useCaseQuery(id);
  const now = useNow();
  const clock = useWorkingClock();
  const c = q.data;
  // The notice the last action issued, to print now (its button beside the words).
  const [toPrint, setToPrint] = useState<{ text: string; notice: NoticeRef } | null>(null);
  const notFound = !Number.isSafeInteger(id) || (isApiError(q.error) && q.error.status === 404);

  const back = (
    <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate(-1)}>
      {L.back}
    </Button>
  );

  return (
    <CenterPage
      title={c ? L.title(displayReceiptNo(c.receiptNo)) : t.menu.cases}
      description={
        c ? (
          <span className="case-tags">
            <CaseStatusTag status={c.status} />
            <KindTags kind={c.acceptedKind} urgent={c.urgent} joint={c.joint} />
            <span>{c.itemName ?? c.subject}</span>
          </span>
        ) : undefined
      }
      actions={
        <Space wrap className="case-detail-actions">
          {c ? (
            <CaseActionBar
              detail={c}
              onDone={(action, before, after) => {
                const notice = newNotice(before, after);
                setToPrint(notice ? { text: L.done[action], notice } : null);
              }}
            />
          ) : null}
          {c ? <CaseSupervisionActions caseId={c.id} receiptNo={c.receiptNo} /> : null}
          {back}
        </Space>
      }
    >
      {notFound ? (
        <Result status="404" title={<h2 className="result-title">{L.notFound}</h2>} />
      ) : q.isError ? (
        <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : !c ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {toPrint && toPrint.notice.id === lastNoticeId(c) ? (
            <Col span={24}>
              <NoticeToPrint
                text={toPrint.text}
                notice={toPrint.notice}
                onClose={() => setToPrint(null)}
              />
            </Col>
          ) : null}
          <Col xs={24} xxl={16}>
            <Summary c={c} now={now} clock={clock} />
            {c.petitionDecision ? <PetitionDecision c={c} /> : null}
            <CaseSupervision caseId={c.id} />
            <Applicant c={c} />
            <Item c={c} />
            <CaseNotices detail={c} />
            <Outcome c={c} />
            {['completed', 'returned', 'answered'].includes(c.status) ? (
              <CaseRatingCard caseId={c.id} closed />
            ) : null}
            <Handovers c={c} />
            {c.acceptedKind && c.acceptedKind !== 'immediate' ? <Term c={c} /> : null}
          </Col>
          <Col xs={24} xxl={8}>
            <CaseTimeline c={c} />
          </Col>
        </Row>
      )}
    </CenterPage>
  );
}

function section(title: string) {
  return <h2 className="card-title">{title}</h2>;
}

function Summary({ c, now, clock }: { c: CaseDetail; now: number; clock: WorkingClock | null }) {
  const unit = termUnit(c.acceptedKind);
  const days = (c.termDays ?? 0) + (c.extension?.days ?? 0);
  const term =
    c.acceptedKind === 'immediate'
      ? L.immediateTerm
      : c.termDays === null
        ? null
        : c.urgent && c.standardTermDays !== null && c.standardTermDays > c.termDays
          ? L.termDaysUrgent(days, unit, c.standardTermDays)
          : L.termDays(days, unit);
  const items: DescriptionsProps['items'] = [
    {
      key: 'receipt',
      label: t.caseShared.receiptNo,
      children: <span className="receipt-no">{displayReceiptNo(c.receiptNo)}</span>,
    },
    { key: 'status', label: L.status, children: <CaseStatusTag status={c.status} /> },
    {
      key: 'kind',
      label: L.kind,
      children: c.acceptedKind ? (
        <KindTags kind={c.acceptedKind} urgent={c.urgent} joint={c.joint} />
      ) : (
        t.caseShared.unclassified
      ),
    },
    {
      key: 'light',
      label: L.light,
      children: <CountdownCell c={c} now={now} clock={clock} />,
    },
    {
      key: 'deadline',
      label: L.deadline,
      span: 2,
      children: (
        <Space orientation="vertical" size={2}>
          <DeadlineText
            deadlineAt={c.deadlineAt}
            provisional={c.provisional}
            missingYears={c.missingYears}
            note
          />
          {term ? <Typography.Text type="secondary">{term}</Typography.Text> : null}
          {c.deemedAccepted ? (
            <Typography.Text type="warning">{L.deemedAccepted}</Typography.Text>
          ) : null}
          {c.status === 'received' ? (
            <Typography.Text type="secondary">
              {L.supplementDue(formatDateTime(c.supplementDueAt))}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { key: 'received', label: L.receivedAt, children: formatDateTime(c.receivedAt) },
    { key: 'accepted', label: L.acceptedAt, children: formatDateTime(c.acceptedAt) },
    {
      key: 'closed',
      label: L.closedAt,
      children: c.closedAt ? (
        <Space size={4}>
          {formatDateTime(c.closedAt)}
          {c.onTime === true ? <Tag color="success">{t.cases.onTime}</Tag> : null}
          {c.onTime === false ? <Tag color="error">{t.cases.late}</Tag> : null}
        </Space>
      ) : (
        t.common.none
      ),
    },
    { key: 'channel', label: L.channel, children: CHANNEL_LABELS[c.channel] },
    { key: 'first', label: L.firstResponder, children: c.firstResponderName ?? t.common.none },
    { key: 'holder', label: L.holder, children: holderText(c) },
    { key: 'bounce', label: L.bounceCount, children: L.bounceValue(c.bounceCount) },
    {
      key: 'code',
      label: L.queryCode,
      children: <span className="receipt-no">{c.queryCode}</span>,
    },
  ];
  if (c.note) items.push({ key: 'note', label: L.note, span: 2, children: c.note });
  return (
    <Card title={section(L.summary)} className="case-section">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} items={items} />
    </Card>
  );
}

/** A petition's decision whether to accept it: due within the statutory days of receipt. */
function PetitionDecision({ c }: { c: CaseDetail }) {
  const d = c.petitionDecision;
  if (!d) return null;
  return (
    <Card title={section(L.petitionDecision)} className="case-section">
      {d.decidedAt === null ? (
        <Typography.Paragraph>
          {L.petitionDecisionDue(formatDateTime(d.dueAt))}
        </Typography.Paragraph>
      ) : (
        <Space size={8} wrap>
          <span>{L.petitionDecisionMade(d.accepted === true, formatDateTime(d.decidedAt))}</span>
          {d.onTime === false ? (
            <Tag color="error">{L.petitionDecisionLate}</Tag>
          ) : (
            <Tag color="success">{L.petitionDecisionOnTime}</Tag>
          )}
          <Typography.Text type="secondary">
            {L.petitionDecisionDue(formatDateTime(d.dueAt))}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}

function Applicant({ c }: { c: CaseDetail }) {
  const a = c.applicant;
  return (
    <Card title={section(L.applicant)} className="case-section">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'type', label: L.applicantType, children: APPLICANT_TYPE_LABELS[a.type] },
          { key: 'name', label: L.applicantName, children: a.name },
          {
            key: 'id',
            label: L.idNumber,
            children: (
              <Revealable
                caseId={c.id}
                field="idNumber"
                masked={a.idNumberMasked}
                label={L.idNumber}
              />
            ),
          },
          {
            key: 'phone',
            label: L.phone,
            children: (
              <Revealable caseId={c.id} field="phone" masked={a.phoneMasked} label={L.phone} />
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">{L.revealHint}</Typography.Text>
    </Card>
  );
}

/** A masked value with a "查看" link; the full value is fetched, and the read audited, on demand. */
function Revealable({
  caseId,
  field,
  masked,
  label,
}: {
  caseId: number;
  field: 'idNumber' | 'phone';
  masked: string | null;
  label: string;
}) {
  const scope = useCenterScope();
  const handleError = useCaseErrorHandler();
  const [value, setValue] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => casesApi.reveal(scope.query, caseId, field),
    onSuccess: (r) => setValue(r.value ?? ''),
    onError: (e) => handleError(e),
  });
  if (masked === null) return <Typography.Text type="secondary">{L.none}</Typography.Text>;
  if (value !== null)
    return (
      <span>
        <span className="masked-value">{value}</span>
        <Typography.Text type="secondary" className="reveal-note">
          {L.revealed}
        </Typography.Text>
      </span>
    );
  return (
    <span>
      <span className="masked-value">{masked}</span>
      <Button
        type="link"
        size="small"
        loading={reveal.isPending}
        onClick={() => reveal.mutate()}
        aria-label={L.revealLabel(label)}
      >
        {L.reveal}
      </Button>
    </span>
  );
}

/** The id of the case's newest notice still in force: a print prompt for an older one is stale. */
const lastNoticeId = (c: CaseDetail) =>
  [...c.notices].reverse().find((n) => n.supersededById === null)?.id ?? null;

function Item({ c }: { c: CaseDetail }) {
  // 缺 only while the papers are awaited: once the case is accepted they were supplied.
  const missing = new Set(c.status === 'awaiting_materials' ? c.materials : []);
  const items: DescriptionsProps['items'] = [];
  if (c.itemName) items.push({ key: 'item', label: L.itemName, children: c.itemName });
  if (c.subject) items.push({ key: 'subject', label: L.subject, children: c.subject });
  if (c.itemId !== null) {
    items.push({
      key: 'materials',
      label: L.itemMaterials,
      children:
        c.itemMaterials.length === 0 ? (
          L.noMaterials
        ) : (
          <ol className="materials-list">
            {c.itemMaterials.map((m) => (
              <li key={m} className={missing.has(m) ? 'missing' : undefined}>
                {m}
                {missing.has(m) ? (
                  <Tag color="error" className="missing-tag">
                    {L.missingMark}
                  </Tag>
                ) : null}
                {missing.has(m) && remarkOf(c.materialRemarks, m) ? (
                  <Typography.Text type="danger" className="missing-remark">
                    {remarkOf(c.materialRemarks, m)}
                  </Typography.Text>
                ) : null}
              </li>
            ))}
          </ol>
        ),
    });
    items.push({
      key: 'fees',
      label: L.itemFees,
      children:
        c.itemFees.length === 0 ? (
          L.noFees
        ) : (
          <ul className="materials-list">
            {c.itemFees.map((f) => (
              <li key={f.name}>{L.feeLine(f.name, f.amount, f.basis)}</li>
            ))}
          </ul>
        ),
    });
  }
  return (
    <Card title={section(L.item)} className="case-section">
      <Descriptions size="small" column={1} items={items} />
    </Card>
  );
}

/** What came of the case: the answer, the missing papers, the reasons, the result and fees. */
function Outcome({ c }: { c: CaseDetail }) {
  const items: DescriptionsProps['items'] = [];
  if (c.answer)
    items.push({
      key: 'answer',
      label: L.answer,
      children: <span className="pre-line">{c.answer}</span>,
    });
  // The papers a supplement notice asked for, each with its remark: missing while awaited, then
  // kept as what was once asked for (an inquiry's list of what the item needs is on its notice).
  const supplemented = c.notices.some((n) => n.type === 'supplement');
  if (c.materials.length > 0 && (supplemented || c.status === 'awaiting_materials'))
    items.push({
      key: 'materials',
      label: c.status === 'awaiting_materials' ? L.materials : t.missing.supplied,
      children: c.materials
        .map((m) => materialLine(m, c.materialRemarks))
        .join(t.common.listSeparator),
    });
  if (c.reasons)
    items.push({
      key: 'reasons',
      label: L.reasons,
      children: <span className="pre-line">{c.reasons}</span>,
    });
  if (c.result)
    items.push({
      key: 'result',
      label: L.result,
      children: <span className="pre-line">{c.result}</span>,
    });
  if (c.status === 'completed')
    items.push({
      key: 'fees',
      label: L.fees,
      children:
        c.fees.length === 0 ? (
          L.noFeesCharged
        ) : (
          <span>
            {c.fees.map((f) => L.feeCharged(f.name, f.amount)).join(t.common.listSeparator)}
            {L.feesTotal(c.feesTotal)}
          </span>
        ),
    });
  return (
    <Card title={section(L.result)} className="case-section">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{L.noResult}</Typography.Text>
      ) : (
        <Descriptions size="small" column={1} items={items} />
      )}
    </Card>
  );
}

function Handovers({ c }: { c: CaseDetail }) {
  type Row = CaseDetail['handovers'][number] & { id: number };
  return (
    <Card title={section(L.handovers)} className="case-section">
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.handovers.map((h, id) => ({ ...h, id }))}
        locale={{ emptyText: <Typography.Text type="secondary">{L.noHandovers}</Typography.Text> }}
        scroll={{ x: 640 }}
        columns={[
          {
            title: L.handoverAt,
            dataIndex: 'at',
            width: 150,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: L.handoverFrom,
            dataIndex: 'fromName',
            render: (v: string | null) => v ?? t.common.none,
          },
          {
            title: L.handoverBy,
            key: 'by',
            render: (_, h) =>
              h.byName ? L.handoverByOther(h.byName) : (h.fromName ?? t.common.none),
          },
          {
            title: L.handoverTo,
            key: 'to',
            render: (_, h) =>
              h.toBusinessSection ? t.caseShared.businessSection : (h.toName ?? t.common.none),
          },
          {
            title: L.handoverMethod,
            dataIndex: 'method',
            render: (_, h) => HANDOVER_METHOD_LABELS[h.method],
          },
          { title: L.handoverNote, dataIndex: 'note', render: (v: string) => v || t.common.none },
        ]}
      />
    </Card>
  );
}

/** Pauses, the extension and (a reported case) the submission to the higher authority. */
function Term({ c }: { c: CaseDetail }) {
  type Row = CaseDetail['pauses'][number] & { id: number };
  return (
    <Card title={section(L.termSection)} className="case-section">
      <h3 className="case-subtitle">{L.pauses}</h3>
      {c.pauses.length === 0 ? (
        <Typography.Paragraph type="secondary">{L.noPauses}</Typography.Paragraph>
      ) : (
        <Table<Row>
          rowKey="id"
          size="small"
          pagination={false}
          className="block-gap"
          dataSource={c.pauses.map((p, id) => ({ ...p, id }))}
          columns={[
            {
              title: L.pauseFrom,
              dataIndex: 'from',
              width: 150,
              render: (v: string) => formatDateTime(v),
            },
            {
              title: L.pauseTo,
              dataIndex: 'to',
              width: 150,
              render: (v: string | null) => (v ? formatDateTime(v) : <Tag>{L.pauseOngoing}</Tag>),
            },
            {
              title: L.pauseReason,
              dataIndex: 'reason',
              render: (_, p) => PAUSE_REASON_LABELS[p.reason],
            },
            { title: L.pauseNote, dataIndex: 'note', render: (v: string) => v || t.common.none },
          ]}
        />
      )}
      <h3 className="case-subtitle">{L.extension}</h3>
      {c.extension ? (
        <Typography.Paragraph>
          {L.extensionLine(
            c.extension.days,
            termUnit(c.acceptedKind),
            c.extension.approverName,
            formatDateTime(c.extension.at),
          )}
          {c.extension.requestedAt
            ? t.extensions.extensionRequestedAt(formatDateTime(c.extension.requestedAt))
            : null}
          <br />
          {L.extensionReasonLine(c.extension.reason)}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">{L.noExtension}</Typography.Paragraph>
      )}
      {c.acceptedKind === 'reported' ? (
        <>
          <h3 className="case-subtitle">{L.submission}</h3>
          {c.submission ? (
            <Typography.Paragraph>
              {L.submissionLine(
                c.submission.authority,
                formatDateTime(c.submission.at),
                formatDate(c.submission.dueDate),
              )}
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="secondary">{L.noSubmission}</Typography.Paragraph>
          )}
          {c.submission ? (
            <>
              <h3 className="case-subtitle">{L.outcome}</h3>
              {c.submission.outcome ? (
                <Typography.Paragraph>
                  {L.outcomeLine(
                    AUTHORITY_RESULT_LABELS[c.submission.outcome.result],
                    formatDateTime(c.submission.outcome.at),
                  )}
                  <br />
                  {L.outcomeNoteLine(c.submission.outcome.note)}
                </Typography.Paragraph>
              ) : (
                <Typography.Paragraph type="secondary">{L.noOutcome}</Typography.Paragraph>
              )}
            </>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

function CaseTimeline({ c }: { c: CaseDetail }) {
  return (
    <Card title={section(L.timeline)}>
      {c.timeline.length === 0 ? (
        <Typography.Text type="secondary">{L.noTimeline}</Typography.Text>
      ) : (
        <Timeline
          items={c.timeline.map((e, i) => ({
            key: i,
            content: (
              <div>
                <div className="timeline-at">{formatDateTime(e.at)}</div>
                <div>
                  {L.timelineLine(e.actorName, ACTION_LABELS[e.action] ?? e.action)}
                  {e.forName ? L.timelineFor(e.forName) : null}
                </div>
                {e.note ? <div className="timeline-note">{e.note}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
