import { useState } from 'react';
import { Alert, Button, Modal, Tag, Typography, type TableColumnsType } from 'antd';
import { AuditOutlined, EyeOutlined, MessageOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  useReportsQuery,
  reportsApi,
  type PublicReport,
  type ReportStage,
} from '../../api/reports.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction, serverPaging, ValueFilter } from '../../components/ListTable.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { formatDate, formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { itemLabel } from '../assessment/format.ts';
import { DecideReportModal } from './DecideReportModal.tsx';
import { RegisterReportModal } from './RegisterReportModal.tsx';
import { ReplyModal } from './ReplyModal.tsx';
import { StatsListNote, useStatsListParams } from '../stats/ListNote.tsx';
import './reports.css';

const L = t.reports;
const STAGES: readonly ReportStage[] = ['received', 'substantiated', 'unsubstantiated', 'replied'];

export function StageTag({ stage }: { stage: ReportStage }) {
  return <Tag className={`report-stage-${stage}`}>{L.stages[stage]}</Tag>;
}

export default function ReportsPage() {
  const canManage = useCan('reports.manage');
  const canDecide = useCan('violations.decide');
  const me = useMe();
  // 办件统计 opens the reports of a month (of a stage, or the overdue ones) with ?month=&stage=.
  const fromStats = useStatsListParams();
  const overdue =
    fromStats.month && fromStats.get('overdue') === 'true' ? ('true' as const) : undefined;
  const [stage, setStage] = useState<ReportStage | 'all'>(() => {
    const s = fromStats.get('stage');
    return STAGES.includes(s as ReportStage) ? (s as ReportStage) : 'all';
  });
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const [deciding, setDeciding] = useState<PublicReport | null>(null);
  const [replying, setReplying] = useState<PublicReport | null>(null);
  const pageSize = 20;
  const list = useReportsQuery({
    ...(stage === 'all' ? {} : { stage }),
    ...(fromStats.month ? { month: fromStats.month } : {}),
    ...(overdue ? { overdue } : {}),
    page,
    pageSize,
  });
  const rows = list.data?.items ?? [];

  const columns: TableColumnsType<PublicReport> = [
    {
      title: L.receivedAt,
      key: 'received',
      width: 140,
      render: (_, r) => (
        <>
          <div>{formatDateTime(r.receivedAt)}</div>
          <div className="report-muted">
            {L.channels[r.channel]} · {t.assessmentShared.findingNo(r.id)}
          </div>
        </>
      ),
    },
    {
      title: L.reporter,
      key: 'reporter',
      width: 150,
      render: (_, r) => <ReporterCell report={r} />,
    },
    {
      title: L.about,
      key: 'about',
      width: 90,
      render: (_, r) => r.staffName ?? <span className="report-muted">{L.unknownStaff}</span>,
    },
    {
      title: L.details,
      key: 'details',
      minWidth: 220,
      render: (_, r) => (
        <>
          <div className="report-cell-line">{r.details}</div>
          {r.occurredOn ? (
            <div className="report-cell-line report-muted">
              {L.occurredOn}：{formatDate(r.occurredOn)}
            </div>
          ) : null}
          {r.item ? <div className="report-cell-line report-muted">{itemLabel(r.item)}</div> : null}
        </>
      ),
    },
    {
      title: L.stage,
      key: 'stage',
      width: 110,
      render: (_, r) => (
        <>
          {r.stage === 'replied' ? <StageTag stage={r.status} /> : null}
          <StageTag stage={r.stage} />
          <div className="report-muted">{L.stageHints[r.stage]}</div>
        </>
      ),
    },
    {
      title: L.decision,
      key: 'decision',
      minWidth: 220,
      render: (_, r) =>
        r.status === 'received' ? (
          <span className="report-muted">{L.noReason}</span>
        ) : (
          <>
            <div className="report-cell-line">{r.decisionReason}</div>
            <div className="report-cell-line report-muted">
              {L.decidedLine(r.decidedByName ?? '', formatDateTime(r.decidedAt))}
            </div>
            {r.findingId ? (
              <div className="report-cell-line report-muted">{L.findingLink(r.findingId)}</div>
            ) : null}
            {r.reply ? (
              <div className="report-cell-line">
                {L.reply}：
                {L.repliedLine(
                  L.replyMethods[r.reply.replyMethod] ?? r.reply.replyMethod,
                  formatDateTime(r.reply.repliedAt),
                  r.reply.recordedByName,
                )}
                <div className="report-muted">{r.reply.replyContent}</div>
              </div>
            ) : null}
          </>
        ),
    },
  ];
  if (canManage || canDecide) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 110,
      render: (_, r) => {
        const name = t.assessmentShared.findingNo(r.id);
        if (r.status === 'received') {
          if (!canDecide) return <span className="report-muted">{t.common.none}</span>;
          if (me.staffId !== null && r.staffId === me.staffId)
            return <span className="report-muted">{L.recuse}</span>;
          return (
            <RowAction
              icon={<AuditOutlined aria-hidden />}
              label={L.decide}
              name={name}
              onClick={() => setDeciding(r)}
            />
          );
        }
        if (r.reply === null && canManage)
          return (
            <RowAction
              icon={<MessageOutlined aria-hidden />}
              label={L.replyAction}
              name={name}
              onClick={() => setReplying(r)}
            />
          );
        return null;
      },
    });
  }

  return (
    <ListPage
      title={L.title}
      description={L.description}
      createLabel={L.create}
      canCreate={canManage}
      onCreate={() => setRegistering(true)}
    >
      {canManage && canDecide ? null : (
        <Alert type="info" showIcon className="block-gap" title={L.readOnlyHint} />
      )}
      <StatsListNote
        month={fromStats.month}
        more={[overdue && t.stats.complaints.overdue]}
        onClear={() => {
          fromStats.clear();
          setStage('all');
          setPage(1);
        }}
      />
      <ListTable<PublicReport>
        query={list}
        rows={rows}
        columns={columns}
        empty={L.empty}
        size="middle"
        scroll={{ x: 1040 }}
        toolbar={
          <div className="report-filter">
            <ValueFilter<ReportStage>
              label={L.stageFilter}
              allLabel={L.allStages}
              value={stage}
              values={STAGES}
              names={L.stages}
              onChange={(v) => {
                setStage(v);
                setPage(1);
              }}
            />
          </div>
        }
        pagination={serverPaging(page, pageSize, list.data?.total, setPage)}
      />
      <RegisterReportModal open={registering} onClose={() => setRegistering(false)} />
      <DecideReportModal report={deciding} onClose={() => setDeciding(null)} />
      <ReplyModal report={replying} onClose={() => setReplying(null)} />
    </ListPage>
  );
}

/** The reporter, masked; the full values on request, each request audited by the server. */
function ReporterCell({ report }: { report: PublicReport }) {
  const handleError = useApiErrorHandler();
  const [shown, setShown] = useState<{ reporterName: string; reporterContact: string } | null>(
    null,
  );
  const reveal = useMutation({
    mutationFn: () => reportsApi.reveal(report.id),
    onSuccess: setShown,
    onError: (e) => handleError(e),
  });
  return (
    <>
      <div>{report.reporterNameMasked}</div>
      <div className="report-muted">{report.reporterContactMasked}</div>
      <Button
        type="link"
        size="small"
        icon={<EyeOutlined aria-hidden />}
        loading={reveal.isPending}
        onClick={() => reveal.mutate()}
        aria-label={L.revealFor(report.id)}
        style={{ paddingInline: 0 }}
      >
        {L.reveal}
      </Button>
      <Modal
        open={shown !== null}
        title={L.revealTitle}
        onCancel={() => setShown(null)}
        footer={<Button onClick={() => setShown(null)}>{L.close}</Button>}
        destroyOnHidden
      >
        <Alert type="warning" showIcon className="block-gap" title={L.revealWarning} />
        <Typography.Paragraph>
          {t.reports.reporter}：{shown?.reporterName}
        </Typography.Paragraph>
        <Typography.Paragraph copyable={shown ? { text: shown.reporterContact } : false}>
          {shown?.reporterContact}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
