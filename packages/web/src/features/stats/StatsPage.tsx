import { useEffect, useMemo, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { CHANNEL_LABELS } from '@bianmin/contracts';
import { CASE_KIND_LABELS, SATISFACTION_LABELS, SATISFACTION_LEVELS } from '@bianmin/domain';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { saveFile } from '../../lib/download.ts';
import { dayjs, todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { statsApi, useCenterStatsQuery, type CenterStats } from './api.ts';
import {
  barsHeight,
  COLORS,
  countsOption,
  groupCountsOption,
  groupHoursOption,
  ringOption,
  trendOption,
} from './charts.ts';
import EChart from './EChart.tsx';
import {
  bookingsLink,
  closedCasesLink,
  ratingsLink,
  receivedCasesLink,
  reportsLink,
  visitsLink,
} from './links.ts';
import { MonthPicker } from './MonthPicker.tsx';
import { monthOfParam, reportPath, trendSummary } from './format.ts';
import './stats.css';

const L = t.stats;

/** A count that opens its list — when the reader may open that list; plain text otherwise. */
export function Figure({
  to,
  label,
  children,
}: {
  to: string | null;
  label: string;
  children: ReactNode;
}) {
  if (to === null) return <>{children}</>;
  return (
    <Link to={to} className="stats-figure" aria-label={L.open(label)}>
      {children}
    </Link>
  );
}

function Tile({
  title,
  value,
  to,
  hint,
  tone,
}: {
  title: string;
  value: string;
  to: string | null;
  hint?: ReactNode;
  tone?: 'good' | 'bad';
}) {
  return (
    <Card size="small" className={`stats-tile${tone ? ` stats-tile--${tone}` : ''}`}>
      <div className="stats-tile__title">{title}</div>
      <div className="stats-tile__value">
        <Figure to={to} label={`${title} ${value}`}>
          {value}
        </Figure>
      </div>
      {hint ? <div className="stats-tile__hint">{hint}</div> : null}
    </Card>
  );
}

type GroupKey = 'window' | 'item' | 'person';
interface GroupRow {
  key: string;
  id: number | null;
  name: string;
  closed: number;
  onTime: number;
  late: number;
  ratePercent: number | null;
  avgWorkingMinutes: number | null;
}

function rowsOf(s: CenterStats, group: GroupKey): GroupRow[] {
  if (group === 'window')
    return s.byWindow.map((r) => ({
      key: `w${String(r.windowId)}`,
      id: r.windowId,
      name: r.windowName,
      ...r,
    }));
  if (group === 'item')
    return s.byItem.map((r) => ({
      key: `i${String(r.itemId)}`,
      id: r.itemId,
      name: r.itemName,
      ...r,
    }));
  return s.byPerson.map((r) => ({
    key: `p${String(r.staffId)}`,
    id: r.staffId,
    name: r.staffName,
    ...r,
  }));
}

/** One group's charts and table: on time and late counts, average working time, every count a link. */
function GroupPane({
  stats,
  group,
  canCases,
}: {
  stats: CenterStats;
  group: GroupKey;
  canCases: boolean;
}) {
  const navigate = useNavigate();
  const rows = rowsOf(stats, group);
  const what = L.groups.name[group]!;
  const filterOf = (id: number | null) =>
    group === 'window'
      ? { windowId: id }
      : group === 'item'
        ? { itemId: id }
        : { holderStaffId: id };
  const link = (r: GroupRow, onTime?: boolean) =>
    canCases && r.id !== null ? closedCasesLink(stats.month, { ...filterOf(r.id), onTime }) : null;
  const columns: TableColumnsType<GroupRow> = [
    { title: what, dataIndex: 'name', ellipsis: true },
    {
      title: L.groups.closed,
      dataIndex: 'closed',
      align: 'right',
      width: 90,
      render: (v: number, r) => (
        <Figure to={link(r)} label={`${r.name} ${L.groups.closed} ${String(v)}`}>
          {v}
        </Figure>
      ),
    },
    {
      title: L.groups.onTime,
      dataIndex: 'onTime',
      align: 'right',
      width: 90,
      render: (v: number, r) => (
        <Figure to={link(r, true)} label={`${r.name} ${L.groups.onTime} ${String(v)}`}>
          {v}
        </Figure>
      ),
    },
    {
      title: L.groups.late,
      dataIndex: 'late',
      align: 'right',
      width: 90,
      render: (v: number, r) => (
        <Figure to={link(r, false)} label={`${r.name} ${L.groups.late} ${String(v)}`}>
          <span className={v > 0 ? 'stats-late' : undefined}>{v}</span>
        </Figure>
      ),
    },
    {
      title: L.groups.rate,
      dataIndex: 'ratePercent',
      align: 'right',
      width: 120,
      render: (v: number | null) => L.rate(v),
    },
    {
      title: L.groups.avg,
      dataIndex: 'avgWorkingMinutes',
      align: 'right',
      width: 130,
      render: (v: number | null) => L.hours(v),
    },
  ];
  if (rows.length === 0) return <Empty description={L.groups.empty} />;
  const open = (i: number, onTime?: boolean) => {
    const to = rows[i] && link(rows[i], onTime);
    if (to) void navigate(to);
  };
  return (
    <>
      <div className="stats-pair">
        <EChart
          label={`${L.groups.countsChart(what)}：${rows.map((r) => `${r.name} ${String(r.onTime)}/${String(r.closed)}`).join('；')}`}
          option={groupCountsOption(rows)}
          height={barsHeight(rows.length, 56)}
          onClick={canCases ? (e) => open(e.dataIndex, e.seriesIndex === 0) : undefined}
        />
        <EChart
          label={`${L.groups.avgChart(what)}：${rows.map((r) => `${r.name} ${L.hours(r.avgWorkingMinutes)}`).join('；')}`}
          option={groupHoursOption(rows)}
          height={barsHeight(rows.length, 56)}
          onClick={canCases ? (e) => open(e.dataIndex) : undefined}
        />
      </div>
      <Table<GroupRow>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        className="stats-table"
      />
    </>
  );
}

export default function StatsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const scope = useCenterScope();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const thisMonth = todayInCenter().format('YYYY-MM');
  const month = monthOfParam(params.get('month')) ?? thisMonth;
  const canCases = useCan('cases.read');
  const canRatings = useCan('ratings.read');
  const canReports = useCan('reports.manage');
  const canBookings = useCan('appointments.work');
  const canVisits = useCan('visits.work');

  // The county's comparison opens a center's statistics with ?centerId=: that center is chosen.
  const wanted = Number(params.get('centerId'));
  const { crossCenter, centerId, select } = scope;
  useEffect(() => {
    if (crossCenter && Number.isSafeInteger(wanted) && wanted > 0 && wanted !== centerId)
      select(wanted);
  }, [crossCenter, wanted, centerId, select]);

  const stats = useCenterStatsQuery(month);
  const s = stats.data;
  const exporting = useMutation({
    mutationFn: () => statsApi.exportCenter(scope.query, month),
    onSuccess: ({ blob, fileName }) => {
      saveFile(blob, fileName ?? `${L.title}.xlsx`);
      void message.success(L.exported);
    },
    onError: (e) => handleError(e),
  });

  const trend = useMemo(() => (s ? trendOption(s.trend) : null), [s]);

  const setMonth = (m: string) => {
    const next = new URLSearchParams(params);
    if (m === thisMonth) next.delete('month');
    else next.set('month', m);
    setParams(next, { replace: true });
  };

  const caseLink = (to: string) => (canCases ? to : null);
  const openCases = (to: string) => {
    if (canCases) void navigate(to);
  };

  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        <Space wrap>
          <MonthPicker id="stats-month" month={month} onChange={setMonth} />
          <Button
            icon={<PrinterOutlined aria-hidden />}
            onClick={() =>
              void navigate(reportPath(month, scope.crossCenter ? scope.centerId : null))
            }
          >
            {L.print}
          </Button>
          <Button
            icon={<FileExcelOutlined aria-hidden />}
            loading={exporting.isPending}
            onClick={() => exporting.mutate()}
          >
            {L.excel}
          </Button>
        </Space>
      }
    >
      {stats.isError ? (
        <QueryErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      ) : null}
      {s && s.missingYears.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={L.missingYears(s.missingYears.join('、'))}
        />
      ) : null}
      {s && s.month === thisMonth && s.total.closed === 0 ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={L.emptyMonth}
          action={
            <Button
              size="small"
              onClick={() => setMonth(dayjs(`${month}-01`).subtract(1, 'month').format('YYYY-MM'))}
            >
              {L.previousMonth}
            </Button>
          }
        />
      ) : null}
      {!s ? (
        stats.isPending ? (
          <Card loading aria-label={L.loading} />
        ) : null
      ) : (
        <div className="stats-page" aria-busy={stats.isFetching}>
          <section aria-labelledby="stats-tiles">
            <h2 id="stats-tiles" className="stats-section-title">
              {L.tiles.title}
            </h2>
            <div className="stats-tiles">
              <Tile
                title={L.tiles.closed}
                value={L.count(s.total.closed)}
                to={caseLink(closedCasesLink(s.month))}
              />
              <Tile
                title={L.tiles.onTimeRate}
                value={L.rate(s.total.ratePercent)}
                to={caseLink(closedCasesLink(s.month, { onTime: true }))}
                hint={`${L.groups.onTime} ${String(s.total.onTime)} / ${String(s.total.closed)}`}
                tone="good"
              />
              <Tile
                title={L.tiles.late}
                value={L.count(s.total.late)}
                to={caseLink(closedCasesLink(s.month, { onTime: false }))}
                tone={s.total.late > 0 ? 'bad' : undefined}
              />
              <Tile
                title={L.tiles.avgTime}
                value={L.hours(s.total.avgWorkingMinutes)}
                to={caseLink(closedCasesLink(s.month))}
                hint={L.hoursUnit}
              />
              <Tile
                title={L.tiles.received}
                value={L.count(s.volume.received)}
                to={caseLink(receivedCasesLink(s.month))}
              />
              <Tile
                title={L.tiles.satisfaction}
                value={L.rate(s.ratings.ratePercent)}
                to={canRatings ? ratingsLink(s.month) : null}
                hint={L.items(s.ratings.total)}
              />
              <Tile
                title={L.tiles.complaints}
                value={L.count(s.complaints.received)}
                to={canReports ? reportsLink(s.month) : null}
                hint={`${L.complaints.overdue} ${String(s.complaints.overdue)}`}
                tone={s.complaints.overdue > 0 ? 'bad' : undefined}
              />
              <Tile
                title={L.tiles.noShows}
                value={L.count(s.appointments.noShow)}
                to={canBookings ? bookingsLink(s.month, 'no_show') : null}
                hint={L.appointments.noShowRate(s.appointments.noShowRatePercent)}
              />
            </div>
          </section>

          <Card
            title={<h2 className="stats-card-title">{L.trend.title}</h2>}
            className="block-gap"
            size="small"
          >
            {trend ? (
              <EChart
                label={L.trend.summary(trendSummary(s.trend))}
                option={trend}
                height={280}
                onClick={(e) => {
                  const m = s.trend[e.dataIndex];
                  if (m) openCases(closedCasesLink(m.month));
                }}
              />
            ) : null}
          </Card>

          <Card
            title={<h2 className="stats-card-title">{L.groups.title}</h2>}
            className="block-gap"
            size="small"
          >
            <Tabs
              items={(['window', 'item', 'person'] as const).map((g) => ({
                key: g,
                label:
                  g === 'window'
                    ? L.groups.byWindow
                    : g === 'item'
                      ? L.groups.byItem
                      : L.groups.byPerson,
                children: <GroupPane stats={s} group={g} canCases={canCases} />,
              }))}
            />
          </Card>

          <div className="stats-grid block-gap">
            <Card
              title={<h2 className="stats-card-title">{L.volume.title}</h2>}
              size="small"
              extra={
                <Figure
                  to={caseLink(receivedCasesLink(s.month))}
                  label={L.volume.received(s.volume.received)}
                >
                  {L.volume.received(s.volume.received)}
                </Figure>
              }
            >
              <h3 className="stats-sub">{L.volume.byChannel}</h3>
              <EChart
                label={`${L.volume.byChannel}：${s.volume.byChannel.map((c) => `${CHANNEL_LABELS[c.channel]} ${String(c.count)}`).join('；')}`}
                option={ringOption(
                  s.volume.byChannel.map((c) => ({
                    name: CHANNEL_LABELS[c.channel],
                    value: c.count,
                  })),
                )}
                height={200}
                onClick={(e) => {
                  const c = s.volume.byChannel.find((x) => CHANNEL_LABELS[x.channel] === e.name);
                  if (c) openCases(receivedCasesLink(s.month, { channel: c.channel }));
                }}
              />
              <h3 className="stats-sub">{L.volume.byKind}</h3>
              <EChart
                label={`${L.volume.byKind}：${s.volume.byKind.map((k) => `${CASE_KIND_LABELS[k.kind]} ${String(k.count)}`).join('；')}`}
                option={countsOption(
                  s.volume.byKind.map((k) => ({ name: CASE_KIND_LABELS[k.kind], value: k.count })),
                )}
                height={220}
                onClick={(e) => {
                  const k = s.volume.byKind[e.dataIndex];
                  if (k) openCases(receivedCasesLink(s.month, { kind: k.kind }));
                }}
              />
            </Card>

            <Card title={<h2 className="stats-card-title">{L.ratings.title}</h2>} size="small">
              <Typography.Paragraph>
                <Figure
                  to={canRatings ? ratingsLink(s.month) : null}
                  label={L.ratings.total(s.ratings.total, s.ratings.ratePercent)}
                >
                  {L.ratings.total(s.ratings.total, s.ratings.ratePercent)}
                </Figure>
                {s.ratings.excluded > 0 ? `；${L.ratings.excluded(s.ratings.excluded)}` : ''}
              </Typography.Paragraph>
              <EChart
                label={`${L.ratings.title}：${SATISFACTION_LEVELS.map((l) => `${SATISFACTION_LABELS[l]} ${String(s.ratings.byLevel[l] ?? 0)}`).join('；')}`}
                option={countsOption(
                  SATISFACTION_LEVELS.map((l, i) => ({
                    name: SATISFACTION_LABELS[l],
                    value: s.ratings.byLevel[l] ?? 0,
                    color: i < 3 ? COLORS.onTime : COLORS.late,
                  })),
                )}
                height={220}
                onClick={
                  canRatings
                    ? (e) => {
                        const l = SATISFACTION_LEVELS[e.dataIndex];
                        if (l) void navigate(ratingsLink(s.month, l));
                      }
                    : undefined
                }
              />
              <dl className="stats-counts">
                {SATISFACTION_LEVELS.map((l) => (
                  <div key={l}>
                    <dt>{SATISFACTION_LABELS[l]}</dt>
                    <dd>
                      <Figure
                        to={canRatings ? ratingsLink(s.month, l) : null}
                        label={SATISFACTION_LABELS[l]}
                      >
                        {s.ratings.byLevel[l] ?? 0}
                      </Figure>
                    </dd>
                  </div>
                ))}
              </dl>
            </Card>

            <Card title={<h2 className="stats-card-title">{L.complaints.title}</h2>} size="small">
              <ComplaintsBlock s={s} canReports={canReports} />
            </Card>

            <Card title={<h2 className="stats-card-title">{L.appointments.title}</h2>} size="small">
              <AppointmentsBlock s={s} canBookings={canBookings} canVisits={canVisits} />
            </Card>
          </div>
        </div>
      )}
    </CenterPage>
  );
}

/** Bars with their counts under them, each count (and bar) opening its list. */
function CountsBlock({
  label,
  bars,
}: {
  label: string;
  bars: { name: string; value: number; to: string | null; color?: string }[];
}) {
  const navigate = useNavigate();
  return (
    <>
      <EChart
        label={`${label}：${bars.map((b) => `${b.name} ${String(b.value)}`).join('；')}`}
        option={countsOption(bars)}
        height={190}
        onClick={(e) => {
          const to = bars[e.dataIndex]?.to;
          if (to) void navigate(to);
        }}
      />
      <dl className="stats-counts">
        {bars.map((b) => (
          <div key={b.name}>
            <dt>{b.name}</dt>
            <dd>
              <Figure to={b.to} label={`${label} ${b.name}`}>
                {b.value}
              </Figure>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function ComplaintsBlock({ s, canReports }: { s: CenterStats; canReports: boolean }) {
  const c = s.complaints;
  const to = (f: Parameters<typeof reportsLink>[1]) =>
    canReports ? reportsLink(s.month, f) : null;
  return (
    <>
      <CountsBlock
        label={L.complaints.title}
        bars={[
          { name: L.complaints.received, value: c.received, to: to({}) },
          { name: L.complaints.undecided, value: c.undecided, to: to({ stage: 'received' }) },
          {
            name: L.complaints.replied,
            value: c.replied,
            to: to({ stage: 'replied' }),
            color: COLORS.onTime,
          },
          {
            name: L.complaints.overdue,
            value: c.overdue,
            to: to({ overdue: true }),
            color: COLORS.late,
          },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {L.complaints.overdue}：{L.complaints.overdueHint}。{canReports ? '' : L.complaintsNoList}
      </Typography.Paragraph>
    </>
  );
}

function AppointmentsBlock({
  s,
  canBookings,
  canVisits,
}: {
  s: CenterStats;
  canBookings: boolean;
  canVisits: boolean;
}) {
  const a = s.appointments;
  const v = s.visits;
  const b = (status?: Parameters<typeof bookingsLink>[1]) =>
    canBookings ? bookingsLink(s.month, status) : null;
  const h = (status?: Parameters<typeof visitsLink>[1]) =>
    canVisits ? visitsLink(s.month, status) : null;
  return (
    <>
      <CountsBlock
        label={L.appointments.title}
        bars={[
          { name: L.appointments.booked, value: a.booked, to: b() },
          {
            name: L.appointments.arrived,
            value: a.arrived,
            to: b('arrived'),
            color: COLORS.onTime,
          },
          { name: L.appointments.noShow, value: a.noShow, to: b('no_show'), color: COLORS.late },
          {
            name: L.appointments.cancelled,
            value: a.cancelled,
            to: b('cancelled'),
            color: '#8c8c8c',
          },
          { name: L.appointments.pending, value: a.pending, to: b('booked') },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {L.appointments.noShowRate(a.noShowRatePercent)}
      </Typography.Paragraph>
      <h3 className="stats-sub">{L.appointments.visits}</h3>
      <dl className="stats-counts">
        {[
          { name: L.appointments.visits, value: v.total, to: h() },
          { name: L.appointments.visitRequested, value: v.requested, to: h('requested') },
          { name: L.appointments.visitScheduled, value: v.scheduled, to: h('scheduled') },
          { name: L.appointments.visited, value: v.visited, to: h('visited') },
          { name: L.appointments.visitCancelled, value: v.cancelled, to: h('cancelled') },
        ].map((x) => (
          <div key={x.name}>
            <dt>{x.name}</dt>
            <dd>
              <Figure to={x.to} label={x.name}>
                {x.value}
              </Figure>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
