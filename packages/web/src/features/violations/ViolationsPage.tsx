import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Form,
  Space,
  Tabs,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckOutlined, CloseOutlined, EyeOutlined } from '@ant-design/icons';
import { ACCEPTED_KIND_LABELS, ACTION_LABELS, PAUSE_REASON_LABELS } from '@bianmin/contracts';
import { displayReceiptNo } from '@bianmin/domain';
import {
  catalogApi,
  catalogKeys,
  useViolationsQuery,
  type ViolationCandidate,
  type ViolationStatus,
} from '../../api/catalog.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction } from '../../components/ListTable.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime, nowMs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { formatDuration } from '../board/format.ts';
import { parseEvidence, type Evidence } from './evidence.ts';
import './violations.css';

const L = t.violations;
const STATUSES: readonly ViolationStatus[] = ['pending', 'confirmed', 'dismissed'];

/** Kind tags, coloured with AA contrast (violations.css) and always named. */
const kindTag = (k: ViolationCandidate['kind']) => (
  <Tag className={`violation-kind violation-kind-${k}`}>{L.kinds[k]}</Tag>
);
const STATUS_COLORS = { pending: 'processing', confirmed: 'error', dismissed: 'default' } as const;

export default function ViolationsPage() {
  const canDecide = useCan('violations.decide');
  const [status, setStatus] = useState<ViolationStatus>('pending');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<ViolationCandidate | null>(null);
  const list = useViolationsQuery({ status, page, pageSize });

  const columns: TableColumnsType<ViolationCandidate> = [
    {
      title: L.receiptNo,
      dataIndex: 'receiptNo',
      width: 160,
      render: (no: string) => displayReceiptNo(no),
    },
    {
      title: L.item,
      dataIndex: 'itemName',
      minWidth: 140,
      render: (v: string | null) => v ?? t.common.none,
    },
    {
      title: L.staff,
      dataIndex: 'staffName',
      width: 80,
      render: (v: string | null) => v ?? t.common.none,
    },
    {
      title: L.window,
      dataIndex: 'windowName',
      width: 110,
      render: (v: string | null) => v ?? t.common.none,
    },
    {
      title: L.kind,
      dataIndex: 'kind',
      width: 112,
      render: kindTag,
    },
    { title: L.deadline, dataIndex: 'deadlineAt', width: 140, render: formatDateTime },
  ];
  // A decided candidate shows who decided it and when, in place of when it was found.
  if (status === 'pending') {
    columns.push({
      title: L.detected,
      dataIndex: 'detectedAt',
      width: 140,
      render: formatDateTime,
    });
  } else {
    columns.push(
      {
        title: L.decidedBy,
        dataIndex: 'decidedByName',
        width: 80,
        render: (v: string | null) => v ?? t.common.none,
      },
      { title: L.decidedAt, dataIndex: 'decidedAt', width: 140, render: formatDateTime },
    );
  }
  columns.push({
    title: t.common.actions,
    key: 'actions',
    width: 80,
    fixed: 'right',
    render: (_, v) => (
      <RowAction
        icon={<EyeOutlined aria-hidden />}
        label={L.view}
        name={displayReceiptNo(v.receiptNo)}
        onClick={() => setSelected(v)}
      />
    ),
  });

  return (
    <CenterPage title={L.title} description={L.description}>
      {canDecide ? null : (
        <Alert type="info" showIcon className="block-gap" title={L.readOnlyHint} />
      )}
      <ListTable<ViolationCandidate>
        query={list}
        rows={list.data?.items ?? []}
        columns={columns}
        empty={L.empty[status]}
        size="middle"
        scroll={{ x: status === 'pending' ? 960 : 1040 }}
        toolbar={
          <Tabs
            activeKey={status}
            onChange={(key) => {
              setStatus(key as ViolationStatus);
              setPage(1);
            }}
            items={STATUSES.map((s) => ({ key: s, label: L.tabs[s] }))}
          />
        }
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          hideOnSinglePage: false,
          showTotal: t.common.total,
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
      />
      <CandidateDrawer
        candidate={selected}
        canDecide={canDecide}
        onDecided={setSelected}
        onClose={() => setSelected(null)}
      />
    </CenterPage>
  );
}

/** Working days, calendar days or the immediate 30 minutes, by the accepted kind. */
function termText(e: Evidence['case']): string {
  if (e.acceptedKind === 'immediate') return L.termImmediate;
  if (e.termDays === null) return t.common.none;
  return e.acceptedKind === 'petition' ? L.termCalendar(e.termDays) : L.termWorking(e.termDays);
}

function CandidateDrawer({
  candidate: v,
  canDecide,
  onDecided,
  onClose,
}: {
  candidate: ViolationCandidate | null;
  canDecide: boolean;
  onDecided: (v: ViolationCandidate) => void;
  onClose: () => void;
}) {
  const me = useMe();
  const [decision, setDecision] = useState<'confirm' | 'dismiss' | null>(null);
  const no = v ? displayReceiptNo(v.receiptNo) : '';
  // Nobody decides a candidate about himself or herself (the server refuses it too).
  const aboutMe = v !== null && me.staffId !== null && v.staffId === me.staffId;
  return (
    <Drawer
      open={v !== null}
      onClose={onClose}
      size={720}
      title={v ? L.drawerTitle(no) : null}
      destroyOnHidden
      footer={
        v && v.status === 'pending' && canDecide && aboutMe ? (
          <Typography.Text type="secondary">{L.recuseSelf}</Typography.Text>
        ) : v && v.status === 'pending' && canDecide ? (
          <Space className="violation-actions">
            <Button
              danger
              type="primary"
              icon={<CheckOutlined aria-hidden />}
              onClick={() => setDecision('confirm')}
            >
              {L.confirm}
            </Button>
            <Button icon={<CloseOutlined aria-hidden />} onClick={() => setDecision('dismiss')}>
              {L.dismiss}
            </Button>
          </Space>
        ) : null
      }
    >
      {v ? <CandidateDetail v={v} /> : null}
      {v ? (
        <DecideModal
          candidate={v}
          decision={decision}
          onClose={() => setDecision(null)}
          onDecided={onDecided}
        />
      ) : null}
    </Drawer>
  );
}

/** A part of the drawer under its heading. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="violation-heading">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Label and value rows, one a line. */
function Facts({ children }: { children: ReactNode }) {
  return (
    <Descriptions column={1} size="small" bordered styles={{ label: { width: 130 } }}>
      {children}
    </Descriptions>
  );
}

function CandidateDetail({ v }: { v: ViolationCandidate }) {
  const e = parseEvidence(v.evidence);
  const c = e?.case;
  // A late completion is measured to its completion; a case still open when found, to now.
  const end = v.closedAt ? Date.parse(v.closedAt) : nowMs();
  const lateText = formatDuration(end - Date.parse(v.deadlineAt));
  return (
    <div className="violation-detail">
      <Space wrap className="block-gap">
        <Tag color={STATUS_COLORS[v.status]}>{L.tabs[v.status]}</Tag>
        {kindTag(v.kind)}
        <Tag>{L.assessmentItem(v.assessmentItem)}</Tag>
      </Space>

      <Section id="violation-case" title={L.sectionCase}>
        <Facts>
          <Descriptions.Item label={L.receiptNo}>
            <Link to={`/cases/${v.caseId}`}>{displayReceiptNo(v.receiptNo)}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={L.item}>
            {v.itemName ?? c?.itemName ?? t.common.none}
          </Descriptions.Item>
          <Descriptions.Item label={L.staff}>
            {v.staffName ?? c?.holderName ?? t.common.none}
          </Descriptions.Item>
          <Descriptions.Item label={L.window}>
            {v.windowName ?? c?.windowName ?? t.common.none}
          </Descriptions.Item>
          {c ? (
            <>
              <Descriptions.Item label={L.acceptedKind}>
                {c.acceptedKind ? ACCEPTED_KIND_LABELS[c.acceptedKind] : t.common.none}
              </Descriptions.Item>
              <Descriptions.Item label={L.clockStart}>
                {formatDateTime(c.clockStartAt)}
                {c.deemedAccepted ? L.deemedAccepted : null}
              </Descriptions.Item>
              <Descriptions.Item label={L.term}>
                {termText(c)}
                {c.urgent ? <Tag className="violation-urgent">{L.urgent}</Tag> : null}
              </Descriptions.Item>
              {c.submission ? (
                <Descriptions.Item label={L.submission}>
                  {L.submissionLine(
                    c.submission.authority || t.common.none,
                    formatDateTime(c.submission.at),
                    c.submission.dueDate ?? t.common.none,
                  )}
                </Descriptions.Item>
              ) : null}
            </>
          ) : null}
          <Descriptions.Item label={L.deadline}>
            <strong>{formatDateTime(v.deadlineAt)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={L.closedAt}>
            {v.closedAt ? formatDateTime(v.closedAt) : L.notClosed}
          </Descriptions.Item>
          <Descriptions.Item label={L.overdueBy}>
            <strong className="violation-late">
              {v.closedAt ? lateText : L.overdueUntilNow(lateText)}
            </strong>
          </Descriptions.Item>
          <Descriptions.Item label={L.detected}>{formatDateTime(v.detectedAt)}</Descriptions.Item>
        </Facts>
      </Section>

      {c ? (
        <>
          <Section id="violation-pauses" title={L.sectionPauses}>
            {c.pauses.length === 0 ? (
              <Typography.Text type="secondary">{L.noPauses}</Typography.Text>
            ) : (
              <ul className="violation-list">
                {c.pauses.map((p) => (
                  <li key={p.from}>
                    {L.pauseLine(
                      formatDateTime(p.from),
                      p.to ? formatDateTime(p.to) : L.pauseOpen,
                      p.reason ? PAUSE_REASON_LABELS[p.reason] : t.common.none,
                    )}
                    {p.note ? <span className="violation-note">{p.note}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>

          <Section id="violation-extension" title={L.sectionExtension}>
            {c.extension ? (
              <Facts>
                <Descriptions.Item label={L.sectionExtension}>
                  {L.extensionLine(c.extension.days, c.extension.approverName || t.common.none)}
                </Descriptions.Item>
                <Descriptions.Item label={L.extensionAt}>
                  {formatDateTime(c.extension.at)}
                </Descriptions.Item>
                <Descriptions.Item label={L.extensionReason}>
                  {c.extension.reason || t.common.none}
                </Descriptions.Item>
              </Facts>
            ) : (
              <Typography.Text type="secondary">{L.noExtension}</Typography.Text>
            )}
          </Section>

          <Section id="violation-timeline" title={L.sectionTimeline}>
            {e.timeline.length === 0 ? (
              <Typography.Text type="secondary">{L.noTimeline}</Typography.Text>
            ) : (
              <Timeline
                className="violation-timeline"
                items={e.timeline.map((x, i) => ({
                  key: `${x.at}-${i}`,
                  content: (
                    <>
                      <span className="violation-time">{formatDateTime(x.at)}</span>
                      <span>{ACTION_LABELS[x.action] ?? x.action}</span>
                      {x.actorName ? <span className="violation-actor">{x.actorName}</span> : null}
                    </>
                  ),
                }))}
              />
            )}
          </Section>
        </>
      ) : (
        <Alert type="warning" showIcon className="block-gap-top" title={L.evidenceMissing} />
      )}

      <Section id="violation-decision" title={L.sectionDecision}>
        {v.status === 'pending' ? (
          <Typography.Paragraph>{L.assessmentNote}</Typography.Paragraph>
        ) : (
          <Facts>
            <Descriptions.Item label={t.common.status}>
              <Tag color={STATUS_COLORS[v.status]}>{L.tabs[v.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={L.decidedBy}>
              {v.decidedByName ?? t.common.none}
            </Descriptions.Item>
            <Descriptions.Item label={L.decidedAt}>{formatDateTime(v.decidedAt)}</Descriptions.Item>
            <Descriptions.Item label={L.decisionReason}>
              {v.decisionReason ?? t.common.none}
            </Descriptions.Item>
          </Facts>
        )}
      </Section>
    </div>
  );
}

interface DecideValues {
  reason: string;
}

function DecideModal({
  candidate,
  decision,
  onClose,
  onDecided,
}: {
  candidate: ViolationCandidate;
  decision: 'confirm' | 'dismiss' | null;
  onClose: () => void;
  onDecided: (v: ViolationCandidate) => void;
}) {
  const scope = useCenterScope();
  const [form] = Form.useForm<DecideValues>();
  const listKey = catalogKeys.violationsAll(scope.centerId);
  const no = displayReceiptNo(candidate.receiptNo);
  const confirm = decision === 'confirm';

  const save = useFeedbackMutation({
    mutationFn: (v: DecideValues) =>
      catalogApi.violations.decide(scope.query, candidate.id, {
        version: candidate.version,
        decision: confirm ? 'confirm' : 'dismiss',
        reason: v.reason.trim(),
      }),
    success: confirm ? L.confirmed : L.dismissed,
    invalidate: [listKey],
    errors: { target: { form, fields: ['reason'] }, refetch: [listKey] },
    onSuccess: (result) => {
      onDecided(result);
      onClose();
    },
  });

  return (
    <FormModal<DecideValues>
      open={decision !== null}
      title={confirm ? L.confirmTitle(no) : L.dismissTitle(no)}
      formName="decideViolationForm"
      form={form}
      okText={confirm ? L.confirm : L.dismiss}
      mutation={save}
      onClose={onClose}
    >
      <Typography.Paragraph type={confirm ? 'danger' : 'secondary'}>
        {L.assessmentNote}
      </Typography.Paragraph>
      <TextAreaItem
        label={L.reason}
        name="reason"
        max={1000}
        rows={4}
        showCount
        extra={confirm ? L.confirmReasonHelp : L.dismissReasonHelp}
      />
    </FormModal>
  );
}
