import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Empty, Space, Table, type TableColumnsType } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { saveFile } from '../../lib/download.ts';
import { todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { statsApi, useCountyStatsQuery, type CountyStats } from './api.ts';
import { COLORS } from './charts.ts';
import EChart, { type ChartOption } from './EChart.tsx';
import { monthOfParam } from './format.ts';
import { MonthPicker } from './MonthPicker.tsx';
import { centerStatsLink } from './links.ts';
import './stats.css';

const L = t.stats;
const C = L.county;
type Row = CountyStats['centers'][number];

function compareOption(rows: readonly Row[]): ChartOption {
  return {
    color: [COLORS.count, COLORS.rate],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.centerName), axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', name: L.trend.axisCount, minInterval: 1 },
      {
        type: 'value',
        name: L.trend.axisRate,
        min: 0,
        max: 100,
        axisLabel: { formatter: '{value}%' },
        splitLine: { show: false },
      },
    ],
    series: [
      { name: L.groups.closed, type: 'bar', data: rows.map((r) => r.closed), barMaxWidth: 40 },
      {
        name: L.groups.rate,
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => r.ratePercent),
        symbolSize: 8,
        label: { show: true, formatter: '{c}%' },
      },
    ],
  };
}

/**
 * The county admin's comparison (各中心对比): every center's figures of one month side by side,
 * as a chart and a table; each center opens its own statistics.
 */
export default function CountyStatsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const thisMonth = todayInCenter().format('YYYY-MM');
  const month = monthOfParam(params.get('month')) ?? thisMonth;
  const county = useCountyStatsQuery(month);
  const rows = useMemo(() => county.data?.centers ?? [], [county.data]);
  const option = useMemo(() => compareOption(rows), [rows]);
  const exporting = useMutation({
    mutationFn: () => statsApi.exportCounty(month),
    onSuccess: ({ blob, fileName }) => {
      saveFile(blob, fileName ?? `${C.title}.xlsx`);
      void message.success(L.exported);
    },
    onError: (e) => handleError(e),
  });

  const num = (title: string, key: keyof Row): TableColumnsType<Row>[number] => ({
    title,
    dataIndex: key,
    align: 'right',
  });
  /** A count with its part in brackets: 举报 3（超期 1）. */
  const pair = (title: string, render: (r: Row) => string): TableColumnsType<Row>[number] => ({
    title,
    key: title,
    align: 'right',
    render: (_, r) => render(r),
  });
  const columns: TableColumnsType<Row> = [
    {
      title: C.center,
      dataIndex: 'centerName',
      render: (name: string, r) => (
        <Link to={centerStatsLink(month, r.centerId)} aria-label={L.open(`${name} ${L.title}`)}>
          {name}
        </Link>
      ),
    },
    num(L.groups.closed, 'closed'),
    num(L.groups.late, 'late'),
    {
      title: L.groups.rate,
      dataIndex: 'ratePercent',
      align: 'right',
      render: (v: number | null) => L.rate(v),
    },
    {
      title: L.groups.avg,
      dataIndex: 'avgWorkingMinutes',
      align: 'right',
      render: (v: number | null) => L.hours(v),
    },
    num(C.received, 'received'),
    pair(C.satisfactionCol, (r) => `${L.rate(r.satisfactionPercent)}（${String(r.ratings)} 条）`),
    pair(C.complaintsCol, (r) => `${String(r.complaints)}（${String(r.complaintsOverdue)}）`),
    pair(C.bookingsCol, (r) => `${String(r.booked)}（${String(r.noShow)}）`),
    num(C.visits, 'visits'),
  ];

  return (
    <>
      <PageHeader
        title={C.title}
        description={C.description}
        extra={
          <Space wrap>
            <MonthPicker
              id="county-month"
              month={month}
              onChange={(m) => setParams(m === thisMonth ? {} : { month: m }, { replace: true })}
            />
            <Button
              icon={<PrinterOutlined aria-hidden />}
              onClick={() => void navigate(`/stats/county/report?month=${month}`)}
            >
              {C.print}
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
      />
      {county.isError ? (
        <QueryErrorAlert error={county.error} onRetry={() => void county.refetch()} />
      ) : null}
      <Card
        title={<h2 className="stats-card-title">{C.chart}</h2>}
        size="small"
        loading={county.isPending}
      >
        {rows.length === 0 ? (
          <Empty description={C.empty} />
        ) : (
          <EChart
            label={`${C.chart}：${rows.map((r) => `${r.centerName} ${String(r.closed)} 件 ${L.rate(r.ratePercent)}`).join('；')}`}
            option={option}
            height={300}
            onClick={(e) => {
              const r = rows[e.dataIndex];
              if (r) void navigate(centerStatsLink(month, r.centerId));
            }}
          />
        )}
      </Card>
      <Table<Row>
        className="block-gap stats-table"
        size="small"
        rowKey="centerId"
        columns={columns}
        dataSource={rows}
        loading={county.isFetching && !county.data}
        pagination={false}
      />
    </>
  );
}
