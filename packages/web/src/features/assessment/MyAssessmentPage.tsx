import { useState } from 'react';
import {
  Card,
  Descriptions,
  Empty,
  Form,
  Select,
  Skeleton,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import {
  assessmentKeys,
  useAppealsQuery,
  useFindingsQuery,
  useInForcePolicy,
  usePersonSettlementQuery,
  type Appeal,
  type Finding,
  type SettlementLine,
} from '../../api/assessment.ts';
import { isApiError } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction } from '../../components/ListTable.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDate, formatDateTime, todayInCenter, DATE_FORMAT } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  changeText,
  halfYearKey,
  halfYearLabel,
  halfYearOptions,
  itemLabel,
  latestEndedHalfYear,
  levelText,
  parseHalfYearKey,
} from './format.ts';
import {
  AppealReasonItem,
  AppealStatusTag,
  EvidenceLinks,
  fileAppeal,
  FindingTags,
  SettlementDetail,
} from './shared.tsx';
import { AppealSubjectText, LineAppealModal, MyRating } from '../evaluations/MyEvaluation.tsx';
import { VoidedNote } from './VoidFinding.tsx';
import './assessment.css';

const L = t.myAssessment;
const S = t.assessmentShared;
const A = t.appeals;
const E = t.appealSubjects;
const LA = t.lineAppeal;

/** Appeals are few; the page reads them in one go (the API has no "of this person" filter). */
const APPEALS_QUERY = { page: 1, pageSize: 200 } as const;

export default function MyAssessmentPage() {
  const me = useMe();
  return (
    <CenterPage title={L.title} description={L.description}>
      {me.staffId === null ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.noStaff} />
        </Card>
      ) : (
        <MyAssessment staffId={me.staffId} />
      )}
    </CenterPage>
  );
}

function MyAssessment({ staffId }: { staffId: number }) {
  const appeals = useAppealsQuery(APPEALS_QUERY);
  const mine = (appeals.data?.items ?? []).filter((a) => a.staffId === staffId);
  return (
    <>
      <MyRating staffId={staffId} />
      <MyFindings staffId={staffId} appeals={mine} />
      <MyAppeals query={appeals} appeals={mine} />
      <MyMoney staffId={staffId} appeals={mine} />
    </>
  );
}

/** What a finding is, in one line: '2026-06-15 县级巡查通报 考核内容第三项'. */
const findingSummary = (f: Finding) =>
  `${f.date} ${levelText(f.level, f.circulated)} ${S.itemNo(f.item)}`;

function MyFindings({ staffId, appeals }: { staffId: number; appeals: Appeal[] }) {
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useFindingsQuery({ staffId, page, pageSize });
  const [appealing, setAppealing] = useState<Finding | null>(null);
  const pending = new Set(
    appeals.filter((a) => a.status === 'pending').map((a) => a.findingId ?? 0),
  );

  const columns: TableColumnsType<Finding> = [
    { title: L.date, dataIndex: 'date', width: 104, render: formatDate },
    {
      title: L.level,
      key: 'level',
      width: 140,
      render: (_, f) => <FindingTags f={f} showRevoked={false} />,
    },
    {
      title: L.item,
      dataIndex: 'item',
      width: 200,
      render: (item: number) => itemLabel(item),
    },
    {
      title: L.findingDescription,
      key: 'description',
      minWidth: 200,
      render: (_, f) => (
        <>
          <span className={f.revoked ? 'finding-revoked-text' : undefined}>{f.description}</span>
          <div className="muted">{S.findingNo(f.id)}</div>
          <VoidedNote finding={f} />
        </>
      ),
    },
    { title: S.evidence, key: 'evidence', width: 150, render: (_, f) => <EvidenceLinks f={f} /> },
    {
      title: L.status,
      key: 'status',
      width: 84,
      render: (_, f) =>
        f.revoked ? (
          <Tag className="finding-revoked">{f.voided ? S.voided : S.revoked}</Tag>
        ) : pending.has(f.id) ? (
          <Tag className="settlement-status-draft">{S.appealPending}</Tag>
        ) : (
          <Tag>{S.inEffect}</Tag>
        ),
    },
    {
      title: t.common.actions,
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, f) =>
        f.revoked || pending.has(f.id) ? null : (
          <RowAction
            icon={<FlagOutlined aria-hidden />}
            label={L.appeal}
            name={findingSummary(f)}
            onClick={() => setAppealing(f)}
          />
        ),
    },
  ];

  return (
    <div className="section-card">
      <ListTable<Finding>
        query={list}
        rows={list.data?.items ?? []}
        columns={columns}
        empty={L.findingsEmpty}
        size="middle"
        scroll={{ x: 960 }}
        title={() => <h2 className="card-title">{L.findingsTitle}</h2>}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          showTotal: t.common.total,
          onChange: setPage,
        }}
      />
      <AppealModal finding={appealing} onClose={() => setAppealing(null)} />
    </div>
  );
}

interface AppealValues {
  reason: string;
}

function AppealModal({ finding, onClose }: { finding: Finding | null; onClose: () => void }) {
  const [form] = Form.useForm<AppealValues>();
  const policy = useInForcePolicy();
  const save = useFeedbackMutation({
    mutationFn: (v: AppealValues) =>
      fileAppeal({ subject: 'finding', findingId: finding!.id, reason: v.reason.trim() }),
    success: (a) => L.filed(formatDate(a.deadlineOn)),
    invalidate: [assessmentKeys.all],
    errors: { target: { form, fields: ['reason'] } },
    onSuccess: onClose,
  });
  return (
    <FormModal<AppealValues>
      open={finding !== null}
      title={L.appealTitle}
      formName="appealForm"
      form={form}
      okText={L.appeal}
      mutation={save}
      onClose={onClose}
      width={640}
    >
      {finding ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="block-gap"
          styles={{ label: { width: 110 } }}
          items={[
            { key: 'date', label: L.date, children: finding.date },
            { key: 'level', label: L.level, children: <FindingTags f={finding} /> },
            { key: 'item', label: L.item, children: itemLabel(finding.item) },
            {
              key: 'desc',
              label: L.findingDescription,
              children: `${finding.description}（${S.findingNo(finding.id)}）`,
            },
          ]}
        />
      ) : null}
      <Typography.Paragraph type="secondary">
        {L.termHint(policy?.appealTermWorkingDays ?? null)}
      </Typography.Paragraph>
      <AppealReasonItem extra={L.reasonHelp} />
    </FormModal>
  );
}

function MyAppeals({
  query,
  appeals,
}: {
  query: Pick<UseQueryResult, 'isError' | 'error' | 'isFetching' | 'refetch'>;
  appeals: Appeal[];
}) {
  const columns: TableColumnsType<Appeal> = [
    { title: L.filedAt, dataIndex: 'filedAt', width: 140, render: formatDateTime },
    {
      title: E.subject,
      key: 'subject',
      width: 100,
      render: (_, a) => <Tag>{E[a.subject]}</Tag>,
    },
    {
      title: A.finding,
      key: 'finding',
      width: 220,
      render: (_, a) =>
        a.subject !== 'finding' && !a.finding ? (
          <AppealSubjectText a={a} />
        ) : a.finding ? (
          <>
            <div>{findingSummary(a.finding)}</div>
            <div className="muted">{a.finding.description}</div>
          </>
        ) : (
          t.common.none
        ),
    },
    { title: A.reason, dataIndex: 'reason', minWidth: 180 },
    { title: L.deadline, dataIndex: 'deadlineOn', width: 110, render: formatDate },
    {
      title: A.status,
      dataIndex: 'status',
      width: 80,
      render: (s: Appeal['status']) => <AppealStatusTag status={s} />,
    },
    {
      title: L.decision,
      key: 'decision',
      minWidth: 200,
      render: (_, a) =>
        a.status === 'pending' ? (
          <span className="muted">{L.pendingDecision}</span>
        ) : (
          <>
            {a.status === 'changed' ? (
              <div>
                {a.subject === 'rating'
                  ? E.changedTo(a.newRating ?? '')
                  : changeText(a.change, a.finding)}
              </div>
            ) : null}
            <div>{a.decisionReason}</div>
            <div className="muted">
              {L.decisionLine(a.decidedByName ?? t.common.none, formatDateTime(a.decidedAt))}
            </div>
          </>
        ),
    },
  ];
  return (
    <div className="section-card">
      <ListTable<Appeal>
        query={query}
        rows={appeals}
        columns={columns}
        empty={L.appealsEmpty}
        size="middle"
        scroll={{ x: 1000 }}
        title={() => <h2 className="card-title">{L.appealsTitle}</h2>}
      />
    </div>
  );
}

function MyMoney({ staffId, appeals }: { staffId: number; appeals: Appeal[] }) {
  const [appealing, setAppealing] = useState<{ line: SettlementLine; index: number } | null>(null);
  const today = todayInCenter().format(DATE_FORMAT);
  const [key, setKey] = useState(() => halfYearKey(latestEndedHalfYear(today)));
  const h = parseHalfYearKey(key) ?? latestEndedHalfYear(today);
  const q = usePersonSettlementQuery(h, staffId);
  return (
    <Card className="section-card" title={<h2 className="card-title">{L.moneyTitle}</h2>}>
      <div className="section-toolbar">
        <label htmlFor="my-money-half">{S.halfYearPicker}</label>
        <Select
          id="my-money-half"
          value={key}
          onChange={setKey}
          options={halfYearOptions(today)}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
        />
        <span className="muted">{L.moneyHint}</span>
      </div>
      <h3 className="sr-only">{halfYearLabel(h)}</h3>
      {isApiError(q.error) && q.error.status === 404 ? (
        // Only window staff have a settlement: for anyone else the half-year has none.
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.notAtWindow(halfYearLabel(h))} />
      ) : q.isError ? (
        <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton active />
      ) : (
        <SettlementDetail
          p={q.data}
          headingLevel={4}
          {...(q.data.status === 'approved'
            ? {
                lineAction: (line: SettlementLine, index: number) =>
                  appeals.some(
                    (a) =>
                      a.status === 'pending' &&
                      a.subject === 'settlement' &&
                      a.year === h.year &&
                      a.half === h.half &&
                      a.lineIndex === index,
                  ) ? (
                    <Tag className="settlement-status-draft">{S.appealPending}</Tag>
                  ) : (
                    <RowAction
                      icon={<FlagOutlined aria-hidden />}
                      label={LA.appeal}
                      name={line.text}
                      onClick={() => setAppealing({ line, index })}
                    />
                  ),
              }
            : {})}
        />
      )}
      <LineAppealModal h={h} target={appealing} onClose={() => setAppealing(null)} />
    </Card>
  );
}
