import type { ReactNode } from 'react';
import { Button, Result, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { CHANNEL_LABELS } from '@bianmin/contracts';
import {
  CASE_KIND_LABELS,
  monthLabel,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
} from '@bianmin/domain';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { formatInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { statsApi, statsKeys, type CenterStats, type CountyStats } from './api.ts';
import { centerStatsLink } from './links.ts';
import { monthOfParam } from './format.ts';
import './stats-report.css';

const L = t.stats;
const R = L.report;

type Cell = string | number | null;
/** A bordered table of the report: a header row, then rows; numbers right-aligned. */
function Sheet({ title, head, rows }: { title: string; head: string[]; rows: Cell[][] }) {
  return (
    <section className="stats-report__section">
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={head.length}>{R.none}</td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className={typeof c === 'number' ? 'num' : undefined}>
                    {c ?? L.none}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}

const ON_TIME_HEAD = [
  L.groups.closed,
  L.groups.onTime,
  L.groups.late,
  L.groups.rate,
  `${L.groups.avg}（${L.hoursUnit}）`,
];
const hours = (m: number | null) => (m === null ? null : (Math.round(m / 6) / 10).toFixed(1));
const onTimeCells = (f: CenterStats['total']): Cell[] => [
  f.closed,
  f.onTime,
  f.late,
  L.rate(f.ratePercent),
  hours(f.avgWorkingMinutes),
];

/** The report's frame: the toolbar (not printed) and the A4 sheet. */
function ReportFrame({
  title,
  back,
  children,
  state,
}: {
  title: string;
  back: string;
  children: ReactNode;
  state: { pending: boolean; error: unknown; retry: () => void };
}) {
  const navigate = useNavigate();
  return (
    <main className="stats-report-root">
      <title>{t.app.pageTitle(title)}</title>
      <div className="no-print stats-report__toolbar" role="toolbar" aria-label={R.toolbar}>
        <Space wrap>
          <Button
            type="primary"
            size="large"
            icon={<PrinterOutlined aria-hidden />}
            disabled={state.pending}
            onClick={() => window.print()}
          >
            {L.print}
          </Button>
          <Button
            size="large"
            icon={<ArrowLeftOutlined aria-hidden />}
            onClick={() => void navigate(back)}
          >
            {R.back}
          </Button>
        </Space>
      </div>
      {state.error ? (
        <div className="no-print stats-report__alert">
          <QueryErrorAlert error={state.error} onRetry={state.retry} />
        </div>
      ) : null}
      {state.pending ? (
        <div className="full-page-center" role="status">
          <Spin size="large" description={t.app.loading} />
        </div>
      ) : (
        <article className="stats-report">{children}</article>
      )}
    </main>
  );
}

const useMonth = () => {
  const [params] = useSearchParams();
  const month = monthOfParam(params.get('month'));
  const centerId = Number(params.get('centerId'));
  return {
    month,
    scope: Number.isSafeInteger(centerId) && centerId > 0 ? { centerId } : {},
  };
};

/**
 * A center's monthly report (办件统计月报) on A4, for the printer: the same figures, in the same
 * sections and words, as the Excel report and the API for that month.
 */
export default function StatsReportPage() {
  const { month, scope } = useMonth();
  const stats = useQuery({
    queryKey: statsKeys.center(scope.centerId ?? null, month ?? ''),
    queryFn: () => statsApi.center(scope, month!),
    enabled: month !== null,
  });
  if (month === null)
    return (
      <main className="full-page-center">
        <Result status="404" title={<h1 className="result-title">{t.notFound.title}</h1>} />
      </main>
    );
  const s = stats.data;
  const title = s ? R.title(s.centerName, monthLabel(s.month)) : L.title;
  return (
    <ReportFrame
      title={title}
      back={centerStatsLink(month, scope.centerId)}
      state={{ pending: stats.isPending, error: stats.error, retry: () => void stats.refetch() }}
    >
      {s ? (
        <>
          <h1>{title}</h1>
          <p className="stats-report__made">{R.made(formatInCenter(s.now, 'YYYY-MM-DD'))}</p>
          <Sheet
            title={R.sections.onTime}
            head={['', ...ON_TIME_HEAD]}
            rows={[[R.total, ...onTimeCells(s.total)]]}
          />
          <Sheet
            title={R.sections.trend}
            head={[R.monthCol, ...ON_TIME_HEAD.slice(0, 4)]}
            rows={s.trend.map((m) => [m.month, m.closed, m.onTime, m.late, L.rate(m.ratePercent)])}
          />
          <Sheet
            title={R.sections.byWindow}
            head={[L.groups.name.window!, ...ON_TIME_HEAD]}
            rows={s.byWindow.map((w) => [w.windowName, ...onTimeCells(w)])}
          />
          <Sheet
            title={R.sections.byItem}
            head={[L.groups.name.item!, ...ON_TIME_HEAD]}
            rows={s.byItem.map((i) => [i.itemName, ...onTimeCells(i)])}
          />
          <Sheet
            title={R.sections.byPerson}
            head={[L.groups.name.person!, ...ON_TIME_HEAD]}
            rows={s.byPerson.map((p) => [p.staffName, ...onTimeCells(p)])}
          />
          <div className="stats-report__pair">
            <Sheet
              title={`${R.sections.volume}（${L.volume.received(s.volume.received)}）`}
              head={[R.channel, R.countCol]}
              rows={s.volume.byChannel.map((c) => [CHANNEL_LABELS[c.channel], c.count])}
            />
            <Sheet
              title={R.sections.kinds}
              head={[R.kind, R.countCol]}
              rows={s.volume.byKind.map((k) => [CASE_KIND_LABELS[k.kind], k.count])}
            />
          </div>
          <div className="stats-report__pair">
            <Sheet
              title={R.sections.ratings}
              head={[R.level, R.countCol]}
              rows={[
                ...SATISFACTION_LEVELS.map((l) => [
                  SATISFACTION_LABELS[l],
                  s.ratings.byLevel[l] ?? 0,
                ]),
                [R.ratingsTotal, s.ratings.total],
                [R.ratingsExcluded, s.ratings.excluded],
                [R.satisfaction, L.rate(s.ratings.ratePercent)],
              ]}
            />
            <Sheet
              title={R.sections.complaints}
              head={[R.item, R.countCol]}
              rows={[
                [L.complaints.received, s.complaints.received],
                [L.complaints.undecided, s.complaints.undecided],
                [L.complaints.replied, s.complaints.replied],
                [`${L.complaints.overdue}（${L.complaints.overdueHint}）`, s.complaints.overdue],
              ]}
            />
          </div>
          <div className="stats-report__pair">
            <Sheet
              title={R.sections.appointments}
              head={[R.item, R.countCol]}
              rows={[
                [L.appointments.booked, s.appointments.booked],
                [L.appointments.arrived, s.appointments.arrived],
                [L.appointments.noShow, s.appointments.noShow],
                [L.appointments.cancelled, s.appointments.cancelled],
                [L.appointments.pending, s.appointments.pending],
                [R.noShowRate, L.rate(s.appointments.noShowRatePercent)],
              ]}
            />
            <Sheet
              title={R.sections.visits}
              head={[R.item, R.countCol]}
              rows={[
                [R.visitsTotal, s.visits.total],
                [L.appointments.visitRequested, s.visits.requested],
                [L.appointments.visitScheduled, s.visits.scheduled],
                [L.appointments.visited, s.visits.visited],
                [L.appointments.visitCancelled, s.visits.cancelled],
              ]}
            />
          </div>
          {s.missingYears.length > 0 ? (
            <p className="stats-report__note">{L.missingYears(s.missingYears.join('、'))}</p>
          ) : null}
          <p className="stats-report__note">{R.definitions}</p>
          <p className="stats-report__signature">{R.signature}</p>
        </>
      ) : null}
    </ReportFrame>
  );
}

/** The county's comparison of its centers for a month, on A4 landscape. */
export function CountyReportPage() {
  const { month } = useMonth();
  const county = useQuery({
    queryKey: statsKeys.county(month ?? ''),
    queryFn: () => statsApi.county(month!),
    enabled: month !== null,
  });
  if (month === null)
    return (
      <main className="full-page-center">
        <Result status="404" title={<h1 className="result-title">{t.notFound.title}</h1>} />
      </main>
    );
  const c: CountyStats | undefined = county.data;
  const C = L.county;
  const title = C.reportTitle(monthLabel(month));
  return (
    <ReportFrame
      title={title}
      back={`/stats/county?month=${month}`}
      state={{ pending: county.isPending, error: county.error, retry: () => void county.refetch() }}
    >
      {c ? (
        <div className="stats-report--landscape">
          <h1>{title}</h1>
          <p className="stats-report__made">{R.made(formatInCenter(c.now, 'YYYY-MM-DD'))}</p>
          <Sheet
            title={C.title}
            head={[
              C.center,
              ...ON_TIME_HEAD,
              C.received,
              C.ratings,
              C.satisfaction,
              C.complaints,
              C.complaintsOverdue,
              C.booked,
              C.noShow,
              C.visits,
            ]}
            rows={c.centers.map((x) => [
              x.centerName,
              ...onTimeCells(x),
              x.received,
              x.ratings,
              L.rate(x.satisfactionPercent),
              x.complaints,
              x.complaintsOverdue,
              x.booked,
              x.noShow,
              x.visits,
            ])}
          />
          <p className="stats-report__note">{R.definitions}</p>
        </div>
      ) : null}
    </ReportFrame>
  );
}
