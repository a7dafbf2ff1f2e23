import { useState, type ReactNode } from 'react';
import { Button, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import {
  CalendarOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { VISIT_STATUSES } from '@bianmin/contracts';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction, serverPaging } from '../../components/ListTable.tsx';
import { useModalState } from '../../components/FormModal.tsx';
import { ReceiptLink } from '../../components/ReceiptLink.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { useVisitsQuery, type VisitRow, type VisitStatusValue } from './api.ts';
import { shortDate, visitActions, type VisitActions } from './format.ts';
import {
  CancelVisitModal,
  CreateVisitModal,
  RecordVisitModal,
  ScheduleVisitModal,
} from './VisitModals.tsx';
import { StatsListNote, useStatsListParams } from '../stats/ListNote.tsx';
import './visits.css';

const L = t.visits;
const ACTIONS: readonly (keyof VisitActions)[] = ['schedule', 'reschedule', 'record', 'cancel'];

function TwoLines({ main, children }: { main: ReactNode; children: ReactNode }) {
  return (
    <>
      <div>{main}</div>
      <div className="visit-muted">{children}</div>
    </>
  );
}

export function VisitStatusTag({ status }: { status: VisitStatusValue }) {
  return <Tag className={`visit-status visit-status-${status}`}>{L.statuses[status]}</Tag>;
}

/** 上门服务: requests by status, with the scheduled day and who goes; enter, schedule, record, cancel. */
export default function VisitsPage() {
  const [creating, setCreating] = useState(false);
  // 办件统计 opens the requests of a month (of a status) with ?month=&status=.
  const fromStats = useStatsListParams();
  const [status, setStatus] = useState<VisitStatusValue | undefined>(() => {
    const s = fromStats.get('status');
    return VISIT_STATUSES.includes(s as VisitStatusValue) ? (s as VisitStatusValue) : undefined;
  });
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const query = useVisitsQuery({
    status,
    q: q || undefined,
    month: fromStats.month,
    page,
    pageSize,
  });
  const scheduling = useModalState<VisitRow>();
  const recording = useModalState<VisitRow>();
  const cancelling = useModalState<VisitRow>();

  const act: Record<keyof VisitActions, { icon: ReactNode; run: (v: VisitRow) => void }> = {
    schedule: { icon: <CalendarOutlined aria-hidden />, run: scheduling.openEdit },
    reschedule: { icon: <CalendarOutlined aria-hidden />, run: scheduling.openEdit },
    record: { icon: <CheckCircleOutlined aria-hidden />, run: recording.openEdit },
    cancel: { icon: <CloseCircleOutlined aria-hidden />, run: cancelling.openEdit },
  };

  const columns: TableColumnsType<VisitRow> = [
    {
      title: L.columns.when,
      key: 'when',
      render: (_, v) =>
        v.scheduledDate ? (
          <TwoLines main={<strong className="visit-nowrap">{shortDate(v.scheduledDate)}</strong>}>
            {v.scheduledKind ? L.dayKinds[v.scheduledKind] : null}
            {v.reschedules > 0 ? <div>{L.reschedules(v.reschedules)}</div> : null}
          </TwoLines>
        ) : (
          <TwoLines main={<span className="visit-nowrap">{L.notScheduled}</span>}>
            {L.preferred(v.preferredDates.map(shortDate).join('、'))}
          </TwoLines>
        ),
    },
    {
      title: L.columns.requester,
      key: 'requester',
      render: (_, v) => (
        <TwoLines
          main={
            <>
              {v.requesterName} {v.urgent ? <Tag color="red">{L.urgent}</Tag> : null}
            </>
          }
        >
          <div>{L.categories[v.category]}</div>
          <div className="visit-nowrap">{v.phoneMasked}</div>
          <div>{v.address}</div>
        </TwoLines>
      ),
    },
    {
      title: L.columns.what,
      key: 'what',
      render: (_, v) => (
        <TwoLines main={[v.itemName, v.itemText].filter(Boolean).join('：') || t.common.none}>
          {v.reason}
        </TwoLines>
      ),
    },
    {
      title: L.columns.channel,
      key: 'channel',
      render: (_, v) => (
        <TwoLines main={<span className="visit-nowrap">{L.channels[v.channel]}</span>}>
          {v.channel === 'online' ? L.citizen : L.enteredBy(v.enteredByName)}
          <div className="visit-code">{v.trackingCode}</div>
        </TwoLines>
      ),
    },
    {
      title: L.columns.status,
      key: 'status',
      className: 'visit-nowrap',
      render: (_, v) => <VisitStatusTag status={v.status} />,
    },
    {
      title: L.columns.staff,
      key: 'staff',
      render: (_, v) => {
        const who = v.status === 'visited' ? v.visitors : v.staff;
        return who.length ? who.map((s) => s.name).join('、') : t.common.none;
      },
    },
    {
      title: L.columns.result,
      key: 'result',
      render: (_, v) =>
        v.status === 'visited' ? (
          <TwoLines main={v.outcome}>
            {formatDateTime(v.arrivedAt)}
            {v.caseId !== null && v.receiptNo ? (
              <div>
                <ReceiptLink caseId={v.caseId} receiptNo={v.receiptNo} />
              </div>
            ) : null}
          </TwoLines>
        ) : v.status === 'cancelled' ? (
          <span className="visit-muted">{v.cancelReason}</span>
        ) : (
          <span className="visit-muted">{t.common.none}</span>
        ),
    },
    {
      title: t.common.actions,
      key: 'actions',
      className: 'visit-nowrap',
      render: (_, v) => {
        const can = visitActions(v);
        return (
          <Space size={0}>
            {ACTIONS.filter((a) => can[a]).map((a) => (
              <RowAction
                key={a}
                icon={act[a].icon}
                label={L.actions[a]}
                name={`${v.requesterName} ${v.trackingCode}`}
                onClick={() => act[a].run(v)}
              />
            ))}
          </Space>
        );
      },
    },
  ];

  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        <Button
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={() => setCreating(true)}
        >
          {L.create}
        </Button>
      }
    >
      <StatsListNote
        month={fromStats.month}
        onClear={() => {
          fromStats.clear();
          setStatus(undefined);
          setPage(1);
        }}
      />
      <ListTable<VisitRow>
        query={query}
        rows={query.data?.items ?? []}
        columns={columns}
        empty={L.empty}
        size="middle"
        tableLayout="auto"
        toolbar={
          <div className="visit-filter" role="search" aria-label={L.search}>
            <Select<VisitStatusValue | 'all'>
              aria-label={L.statusFilter}
              value={status ?? 'all'}
              style={{ width: 130 }}
              onChange={(v) => {
                setStatus(v === 'all' ? undefined : v);
                setPage(1);
              }}
              options={[
                { value: 'all', label: L.allStatuses },
                ...VISIT_STATUSES.map((s) => ({ value: s, label: L.statuses[s]! })),
              ]}
            />
            <Input.Search
              aria-label={L.search}
              placeholder={L.searchPlaceholder}
              allowClear
              maxLength={50}
              style={{ width: 280 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
          </div>
        }
        pagination={serverPaging(page, pageSize, query.data?.total, setPage)}
      />
      <CreateVisitModal open={creating} onClose={() => setCreating(false)} />
      <ScheduleVisitModal
        open={scheduling.open}
        visit={scheduling.record}
        onClose={scheduling.close}
      />
      <RecordVisitModal open={recording.open} visit={recording.record} onClose={recording.close} />
      <CancelVisitModal
        open={cancelling.open}
        visit={cancelling.record}
        onClose={cancelling.close}
      />
    </CenterPage>
  );
}
