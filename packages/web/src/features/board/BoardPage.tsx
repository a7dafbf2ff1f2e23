import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  Card,
  Col,
  DatePicker,
  Empty,
  Progress,
  Row,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  FileTextOutlined,
  PauseCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { displayReceiptNo } from '@bianmin/domain';
import { useBoardQuery, type Board } from '../../api/catalog.ts';
import { useCan } from '../../auth/session.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { MissingYearsAlert } from '../../components/MissingYearsAlert.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { ReceiptLink } from '../../components/ReceiptLink.tsx';
import {
  formatDateTime,
  formatInCenter,
  nowMs,
  todayInCenter,
  type Dayjs,
} from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { AwaitingLine } from '../cases/CaseTags.tsx';
import { BoardTrend } from '../stats/BoardTrend.tsx';
import { useUrgeColumns } from '../extensions/urgeColumns.tsx';
import { monthLabel, overdueBy, ratePercent } from './format.ts';
import './board.css';

const L = t.board;

type LightRow = Board['byWindow'][number] | Board['byItem'][number];
type RateRow = Board['monthByWindow'][number] | Board['monthByItem'][number];
type OverdueRow = Board['overdue'][number];

export default function BoardPage() {
  const [month, setMonth] = useState<Dayjs>(() => todayInCenter().startOf('month'));
  const monthKey = month.format('YYYY-MM');
  const board = useBoardQuery(monthKey);
  const data = board.data;

  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        <div className="board-month">
          <label htmlFor="board-month">{L.month}</label>
          <DatePicker
            id="board-month"
            picker="month"
            value={month}
            allowClear={false}
            format="YYYY 年 M 月"
            disabledDate={(d) => d.isAfter(todayInCenter(), 'month')}
            onChange={(d) => d && setMonth(d.startOf('month'))}
          />
        </div>
      }
    >
      {board.isError ? (
        <QueryErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : null}
      <MissingYearsAlert years={data?.missingYears ?? []} text={L} quiet />

      <section aria-labelledby="board-live" className="block-gap">
        <div className="board-section-head">
          <h2 id="board-live" className="board-section-title">
            {L.liveTitle}
          </h2>
          {data ? (
            <Typography.Text type="secondary" role="status">
              {L.refreshedAt(formatInCenter(data.now, 'MM-DD HH:mm'))}
            </Typography.Text>
          ) : null}
        </div>
        <Row gutter={[16, 16]} className="block-gap">
          <Tile
            kind="open"
            icon={<FileTextOutlined aria-hidden />}
            title={L.open}
            hint={L.openHint}
            value={data?.totals.open}
            loading={board.isPending}
          />
          <Tile
            kind="yellow"
            icon={<ClockCircleOutlined aria-hidden />}
            title={L.yellow}
            hint={L.yellowHint}
            value={data?.totals.yellow}
            loading={board.isPending}
          />
          <Tile
            kind="red"
            icon={<WarningOutlined aria-hidden />}
            title={L.red}
            hint={L.redHint}
            value={data?.totals.red}
            loading={board.isPending}
          />
          <Tile
            kind="paused"
            icon={<PauseCircleOutlined aria-hidden />}
            title={L.paused}
            hint={L.pausedHint}
            value={data?.totals.paused}
            loading={board.isPending}
          />
        </Row>
        <WindowAndItemTables<LightRow>
          idPrefix="board-by"
          byWindow={data?.byWindow ?? []}
          byItem={data?.byItem ?? []}
          columns={LIGHT_COLUMNS}
          empty={L.emptyLive}
          loading={board.isFetching}
        />
      </section>

      <OverdueCard data={data} loading={board.isFetching} />
      <DueSoonCard data={data} loading={board.isFetching} />
      <AwaitingCard data={data} loading={board.isFetching} />
      <ReportsOverdueCard data={data} loading={board.isFetching} />
      <DecidingTermsCard data={data} loading={board.isFetching} />
      <AnnouncementsLateCard data={data} loading={board.isFetching} />
      <RatingsCard data={data} loading={board.isFetching} />

      <section aria-labelledby="board-month-title" className="block-gap-top">
        <h2 id="board-month-title" className="board-section-title">
          {L.monthTitle(monthLabel(monthKey))}
        </h2>
        <WindowAndItemTables<RateRow>
          idPrefix="board-rate"
          byWindow={data?.monthByWindow ?? []}
          byItem={data?.monthByItem ?? []}
          columns={RATE_COLUMNS}
          empty={L.monthEmpty}
          loading={board.isFetching}
        />
        <BoardTrend />
      </section>
    </CenterPage>
  );
}

/** One statistic: its name, a word on what it counts, and the number; coloured and iconed. */
function Tile({
  kind,
  icon,
  title,
  hint,
  value,
  loading,
}: {
  kind: 'open' | 'yellow' | 'red' | 'paused';
  icon: ReactNode;
  title: string;
  hint: string;
  value: number | undefined;
  loading: boolean;
}) {
  return (
    <Col xs={12} lg={6}>
      <Card className={`board-tile board-tile-${kind}`}>
        <Statistic
          title={
            <span className="board-tile-title">
              {icon} {title}
            </span>
          }
          value={value ?? 0}
          suffix={L.casesUnit}
          loading={loading}
        />
        <div className="board-tile-hint">{hint}</div>
      </Card>
    </Col>
  );
}

const keyOf = (r: LightRow | RateRow) =>
  'windowName' in r ? `w${r.windowId ?? 'x'}-${r.windowName}` : `i${r.itemId ?? 'x'}-${r.itemName}`;

const nameOf = (r: LightRow | RateRow) => ('windowName' in r ? r.windowName : r.itemName);

/**
 * The same table twice side by side, by window and by item, each a titled section (ids
 * `${idPrefix}-window` and `${idPrefix}-item`); the first column names the window or item.
 */
function WindowAndItemTables<R extends LightRow | RateRow>({
  idPrefix,
  byWindow,
  byItem,
  columns,
  empty,
  loading,
}: {
  idPrefix: string;
  byWindow: readonly R[];
  byItem: readonly R[];
  columns: TableColumnsType<R>;
  empty: string;
  loading: boolean;
}) {
  const sides = [
    { id: `${idPrefix}-window`, title: L.byWindow, nameTitle: L.window, rows: byWindow },
    { id: `${idPrefix}-item`, title: L.byItem, nameTitle: L.item, rows: byItem },
  ];
  return (
    <Row gutter={[16, 16]}>
      {sides.map((side) => (
        <Col key={side.id} xs={24} xl={12}>
          <section aria-labelledby={side.id}>
            <Card
              title={
                <h3 id={side.id} className="card-title">
                  {side.title}
                </h3>
              }
              size="small"
            >
              <Table<R>
                rowKey={keyOf}
                size="small"
                columns={[
                  { title: side.nameTitle, key: 'name', render: (_, r) => nameOf(r) },
                  ...columns,
                ]}
                dataSource={side.rows}
                loading={loading && side.rows.length === 0}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />,
                }}
              />
            </Card>
          </section>
        </Col>
      ))}
    </Row>
  );
}

/** A count that matters only when it is not zero: bold, coloured, and with a word. */
function Count({ n, kind }: { n: number; kind: 'yellow' | 'red' | 'plain' }) {
  if (n === 0 || kind === 'plain') return <>{n}</>;
  return <span className={`board-count board-count-${kind}`}>{n}</span>;
}

/** Live cases by light. */
const LIGHT_COLUMNS: TableColumnsType<LightRow> = [
  {
    title: L.open,
    dataIndex: 'open',
    width: 72,
    align: 'right',
    sorter: (a, b) => a.open - b.open,
  },
  {
    title: L.yellow,
    dataIndex: 'yellow',
    width: 72,
    align: 'right',
    sorter: (a, b) => a.yellow - b.yellow,
    render: (n: number) => <Count n={n} kind="yellow" />,
  },
  {
    title: L.red,
    dataIndex: 'red',
    width: 72,
    align: 'right',
    sorter: (a, b) => a.red - b.red,
    render: (n: number) => <Count n={n} kind="red" />,
  },
  {
    title: L.paused,
    dataIndex: 'paused',
    width: 72,
    align: 'right',
    sorter: (a, b) => a.paused - b.paused,
  },
];

/** This month's completed cases and how many on time. */
const RATE_COLUMNS: TableColumnsType<RateRow> = [
  { title: L.completed, dataIndex: 'completed', width: 72, align: 'right' },
  { title: L.onTime, dataIndex: 'onTime', width: 88, align: 'right' },
  {
    title: L.rate,
    dataIndex: 'rate',
    width: 220,
    sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
    render: (rate: number | null) => {
      const pct = ratePercent(rate);
      if (pct === null) return <Typography.Text type="secondary">{L.rateNone}</Typography.Text>;
      return (
        <Progress
          percent={pct}
          size="small"
          status={pct >= 100 ? 'success' : pct < 80 ? 'exception' : 'normal'}
          format={() => L.rateText(pct)}
          aria-label={`${L.rate} ${L.rateText(pct)}`}
        />
      );
    },
  },
];

/** The columns every list of cases on the board starts with: receipt number, item, holder. */
const CASE_COLUMNS: TableColumnsType<OverdueRow> = [
  {
    title: L.receiptNo,
    dataIndex: 'receiptNo',
    width: 190,
    render: (_, r) => <ReceiptLink caseId={r.id} receiptNo={r.receiptNo} />,
  },
  {
    title: L.item,
    key: 'item',
    render: (_, r) => r.itemName ?? (r.subject || t.common.none),
  },
  {
    title: L.holder,
    key: 'holder',
    width: 120,
    render: (_, r) => r.holderName ?? (r.atBusinessSection ? L.noHolder : t.common.none),
  },
];

/** A card with a titled, counted list of cases. */
function CaseListCard<R extends { id: number } = OverdueRow>(props: {
  id: string;
  title: string;
  count: string | null;
  hint?: string;
  empty: string;
  columns: TableColumnsType<R>;
  rows: R[];
  loading: boolean;
}) {
  return (
    <section aria-labelledby={props.id} className="block-gap-top">
      <Card
        title={
          <h2 id={props.id} className="card-title">
            {props.title}
            {props.count ? <span className="board-title-count">{props.count}</span> : null}
          </h2>
        }
      >
        {props.hint ? (
          <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>
        ) : null}
        <Table<R>
          rowKey="id"
          size="middle"
          columns={props.columns}
          dataSource={props.rows}
          loading={props.loading && props.rows.length === 0}
          scroll={{ x: 900 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: t.common.total }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} />,
          }}
        />
      </Card>
    </section>
  );
}

/**
 * Petitions awaiting the decision whether to accept them, reported cases awaiting the higher
 * authority: what, by when, with the light (红黄牌) and the time left; the nearest first.
 */
function AwaitingCard({ data, loading }: { data: Board | undefined; loading: boolean }) {
  const rows = data?.awaiting ?? [];
  const now = Date.parse(data?.now ?? new Date(nowMs()).toISOString());
  const columns: TableColumnsType<OverdueRow> = [
    ...CASE_COLUMNS,
    {
      title: L.awaitingDue,
      key: 'due',
      width: 160,
      render: (_, r) => formatDateTime(r.awaiting?.dueAt ?? null),
    },
    {
      title: L.awaitingLeft,
      key: 'left',
      width: 260,
      render: (_, r) => <AwaitingLine c={r} now={now} />,
    },
  ];
  return (
    <CaseListCard
      id="board-awaiting"
      title={L.awaitingTitle}
      count={data ? L.awaitingCount(rows.length) : null}
      hint={L.awaitingHint}
      empty={L.awaitingEmpty}
      columns={columns}
      rows={rows}
      loading={loading}
    />
  );
}

function OverdueCard({ data, loading }: { data: Board | undefined; loading: boolean }) {
  const rows = data?.overdue ?? [];
  const now = data?.now ?? new Date(nowMs()).toISOString();
  const urge = useUrgeColumns(data);
  const columns: TableColumnsType<OverdueRow> = [
    ...CASE_COLUMNS,
    {
      title: L.window,
      dataIndex: 'windowName',
      width: 140,
      render: (v: string | null) => v ?? t.common.none,
    },
    {
      title: L.deadline,
      dataIndex: 'deadlineAt',
      width: 190,
      render: (v: string | null, r) => (
        <>
          {formatDateTime(v)}
          {r.provisional ? (
            <Tooltip title={L.provisionalHint}>
              <Tag className="board-provisional">{L.provisional}</Tag>
            </Tooltip>
          ) : null}
        </>
      ),
    },
    {
      title: L.overdueBy,
      key: 'overdueBy',
      width: 150,
      render: (_, r) => (
        <span className="board-count board-count-red">
          <ExclamationCircleOutlined aria-hidden /> {overdueBy(r.deadlineAt, now) ?? t.common.none}
        </span>
      ),
    },
    ...urge,
  ];
  return (
    <CaseListCard
      id="board-overdue"
      title={L.overdueTitle}
      count={data ? L.overdueCount(data.totals.red) : null}
      empty={L.overdueEmpty}
      columns={columns}
      rows={rows}
      loading={loading}
    />
  );
}

/** Running cases turned yellow (即将到期): the nearest deadline first, with 催办 (issue 11). */
function DueSoonCard({ data, loading }: { data: Board | undefined; loading: boolean }) {
  const rows = data?.dueSoon ?? [];
  const urge = useUrgeColumns(data);
  const columns: TableColumnsType<OverdueRow> = [
    ...CASE_COLUMNS,
    {
      title: L.window,
      dataIndex: 'windowName',
      width: 140,
      render: (v: string | null) => v ?? t.common.none,
    },
    {
      title: L.deadline,
      dataIndex: 'deadlineAt',
      width: 190,
      render: (v: string | null) => formatDateTime(v),
    },
    ...urge,
  ];
  return (
    <CaseListCard
      id="board-due-soon"
      title={t.boardDueSoon.title}
      count={data ? t.boardDueSoon.count(rows.length) : null}
      hint={t.boardDueSoon.hint}
      empty={t.boardDueSoon.empty}
      columns={columns}
      rows={rows}
      loading={loading}
    />
  );
}

type ReportRow = Board['reportsOverdue'][number];

/** Public reports past the date the group had to decide by: only when and how late (confidential). */
function ReportsOverdueCard({ data, loading }: { data: Board | undefined; loading: boolean }) {
  const rows = data?.reportsOverdue ?? [];
  const now = data?.now ?? new Date(nowMs()).toISOString();
  const columns: TableColumnsType<ReportRow> = [
    {
      title: L.reportsReceived,
      dataIndex: 'receivedAt',
      render: (v: string) => formatDateTime(v),
    },
    { title: L.reportsDue, dataIndex: 'decideDueAt', render: (v: string) => formatDateTime(v) },
    {
      title: L.reportsLate,
      key: 'late',
      render: (_, r) => (
        <span className="board-count board-count-red">{overdueBy(r.decideDueAt, now)}</span>
      ),
    },
  ];
  return (
    <section id="board-reports" aria-label={L.reportsTitle}>
      <Card
        title={L.reportsTitle}
        extra={
          data ? (
            <Typography.Text type="secondary">{L.reportsCount(rows.length)}</Typography.Text>
          ) : null
        }
        className="block-gap"
      >
        <Typography.Paragraph type="secondary">{L.reportsHint}</Typography.Paragraph>
        <Table<ReportRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
          locale={{ emptyText: <Empty description={L.reportsEmpty} /> }}
        />
      </Card>
    </section>
  );
}

type TermRow = { key: keyof Board['decidingTerms']; dueSoon: number; overdue: number };

/**
 * 处理期限 (issue 11): how many reports, appeals and 差评 follow-ups are about to run out of their
 * term and how many have, with a way to the list for whoever may open it.
 */
function DecidingTermsCard({ data, loading }: { data: Board | undefined; loading: boolean }) {
  const T = t.termsBoard;
  const links: Record<TermRow['key'], string | null> = {
    reports: useCan('reports.manage') ? '/reports' : null,
    appeals: useCan('assessment.read') ? '/assessment/appeals' : null,
    ratingFollowUps: useCan('ratings.read') ? '/ratings' : null,
  };
  const terms = data?.decidingTerms;
  const rows: TermRow[] = terms
    ? (['reports', 'appeals', 'ratingFollowUps'] as const).map((key) => ({ key, ...terms[key] }))
    : [];
  const count = (n: number, kind: 'yellow' | 'red') =>
    n === 0 ? T.count(0) : <span className={`board-count board-count-${kind}`}>{T.count(n)}</span>;
  const columns: TableColumnsType<TermRow> = [
    { title: T.what, dataIndex: 'key', render: (k: TermRow['key']) => T.rows[k] },
    {
      title: T.dueSoon,
      dataIndex: 'dueSoon',
      width: 140,
      render: (n: number) => count(n, 'yellow'),
    },
    { title: T.overdue, dataIndex: 'overdue', width: 140, render: (n: number) => count(n, 'red') },
    {
      title: t.common.actions,
      key: 'go',
      width: 120,
      render: (_, r) => {
        const to = links[r.key];
        return to ? <Link to={to}>{T.go}</Link> : null;
      },
    },
  ];
  const soon = rows.reduce((n, r) => n + r.dueSoon, 0);
  const late = rows.reduce((n, r) => n + r.overdue, 0);
  return (
    <section id="board-terms" aria-label={T.title}>
      <Card
        title={T.title}
        extra={
          terms ? <Typography.Text type="secondary">{T.total(soon, late)}</Typography.Text> : null
        }
        className="block-gap"
      >
        <Typography.Paragraph type="secondary">{T.hint}</Typography.Paragraph>
        <Table<TermRow>
          rowKey="key"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={false}
        />
      </Card>
    </section>
  );
}

type LateAnnouncementRow = Board['announcementsLate'][number];

/**
 * 逾期公告: completion announcements still not published past their time, and those of the month
 * published late (DOMAIN.md §4: late publications are counted).
 */
function AnnouncementsLateCard({ data, loading }: { data: Board | undefined; loading: boolean }) {
  const A = t.announcementsBoard;
  const rows = data?.announcementsLate ?? [];
  const now = data?.now ?? new Date(nowMs()).toISOString();
  const columns: TableColumnsType<LateAnnouncementRow> = [
    {
      title: A.receiptNo,
      dataIndex: 'receiptNo',
      width: 190,
      render: (v: string) => <span className="receipt-no">{displayReceiptNo(v)}</span>,
    },
    { title: A.item, dataIndex: 'itemName' },
    { title: A.dueAt, dataIndex: 'dueAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: A.publishedAt,
      dataIndex: 'publishedAt',
      width: 160,
      render: (v: string | null) =>
        v ? formatDateTime(v) : <span className="board-count board-count-red">{A.notYet}</span>,
    },
    {
      title: A.lateBy,
      key: 'lateBy',
      width: 150,
      render: (_, r) => (
        <span className="board-count board-count-red">
          {overdueBy(r.dueAt, r.publishedAt ?? now) ?? t.common.none}
        </span>
      ),
    },
  ];
  return (
    <CaseListCard<LateAnnouncementRow>
      id="board-announcements"
      title={A.title}
      count={data ? A.count(rows.length) : null}
      hint={A.hint}
      empty={A.empty}
      columns={columns}
      rows={rows}
      loading={loading}
    />
  );
}

type LateFollowUpRow = Board['ratingFollowUpsOverdue'][number] & { id: number };

/**
 * 好差评: the month's ratings and 满意率, and the 差评 follow-ups whose call-back or reply is past its
 * term (DOMAIN.md §10), with a way to the ratings page.
 */
function RatingsCard({ data, loading }: { data: Board | undefined; loading: boolean }) {
  const R = t.ratingsBoard;
  const rows = (data?.ratingFollowUpsOverdue ?? []).map((r) => ({ ...r, id: r.ratingId }));
  const m = data?.ratingsMonth;
  const columns: TableColumnsType<LateFollowUpRow> = [
    {
      title: t.announcementsBoard.receiptNo,
      dataIndex: 'receiptNo',
      width: 190,
      render: (v: string) => <span className="receipt-no">{displayReceiptNo(v)}</span>,
    },
    { title: t.announcementsBoard.item, dataIndex: 'itemName' },
    {
      title: R.assignee,
      dataIndex: 'assignedToName',
      width: 100,
      render: (v: string | null) =>
        v ?? <span className="board-count board-count-red">{R.unassigned}</span>,
    },
    {
      title: R.contactDue,
      key: 'contact',
      width: 170,
      render: (_, r) => (
        <span className={r.contactOverdue ? 'board-count board-count-red' : undefined}>
          {formatDateTime(r.contactDueAt)}
        </span>
      ),
    },
    {
      title: R.fixDue,
      key: 'fix',
      width: 170,
      render: (_, r) => (
        <span className={r.fixOverdue ? 'board-count board-count-red' : undefined}>
          {formatDateTime(r.fixDueAt)}
        </span>
      ),
    },
  ];
  return (
    <CaseListCard<LateFollowUpRow>
      id="board-ratings"
      title={R.title}
      count={m ? R.month(m.count, m.ratePercent, m.bad) : null}
      hint={`${R.overdue}：${rows.length === 0 ? R.none : String(rows.length)}`}
      empty={R.none}
      columns={columns}
      rows={rows}
      loading={loading}
    />
  );
}
