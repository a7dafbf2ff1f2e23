import { Alert, Card, Col, Row, Table, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useWorkbenchQuery, type CaseSummary, type Workbench } from '../../api/cases.ts';
import { useMe } from '../../auth/session.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { MissingYearsAlert } from '../../components/MissingYearsAlert.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { t } from '../../locale/zh-CN.ts';
import { caseColumns, useCaseRows } from './caseColumns.tsx';
import { IntakeForm } from './IntakeForm.tsx';
import { bookingOfState } from './intake.ts';
import { useNow, useWorkingClock } from './useWorkingClock.ts';
import './cases.css';

const L = t.workbench;

export default function WorkbenchPage() {
  const me = useMe();
  const wb = useWorkbenchQuery();
  // Count down on the server's clock: the clerk's PC may be a few minutes off.
  const offset = wb.data ? Date.parse(wb.data.now) - wb.dataUpdatedAt : 0;
  const now = useNow(30_000, Number.isFinite(offset) ? offset : 0);
  const clock = useWorkingClock();
  // 受理 on 预约登记 comes here with the booking in the history state (kept across a reload).
  const location = useLocation();
  const navigate = useNavigate();
  const booking = bookingOfState(location.state);

  return (
    <CenterPage title={L.title} description={L.description}>
      {me.staffId === null ? (
        <Alert type="warning" showIcon className="block-gap" title={t.caseShared.noStaff} />
      ) : null}
      <MissingYearsAlert years={wb.data?.missingYears ?? []} text={L} />
      {wb.isError ? <QueryErrorAlert error={wb.error} onRetry={() => void wb.refetch()} /> : null}
      <Counts counts={wb.data?.counts} />
      <IntakeForm
        booking={booking}
        onBookingClose={() => void navigate(location.pathname, { replace: true, state: null })}
      />
      <MyOpen wb={wb} now={now} clock={clock} />
      <Today rows={wb.data?.today ?? []} loading={wb.isFetching} now={now} clock={clock} />
    </CenterPage>
  );
}

function Counts({ counts }: { counts: Workbench['counts'] | undefined }) {
  const items = [
    { key: 'open', label: L.counts.open, value: counts?.open, tone: '', to: '/cases?mine=true' },
    {
      key: 'yellow',
      label: L.counts.yellow,
      value: counts?.yellow,
      tone: 'count-yellow',
      to: '/cases?mine=true&light=yellow',
    },
    {
      key: 'red',
      label: L.counts.red,
      value: counts?.red,
      tone: 'count-red',
      to: '/cases?mine=true&light=red',
    },
    { key: 'today', label: L.counts.today, value: counts?.today, tone: '', to: null },
  ];
  return (
    <section aria-label={L.countsLabel} className="block-gap">
      <Row gutter={[16, 16]}>
        {items.map((i) => (
          <Col xs={12} md={6} key={i.key}>
            <Card size="small" className={`count-card ${i.tone}`}>
              <div className="count-label">{i.to ? <Link to={i.to}>{i.label}</Link> : i.label}</div>
              <div className="count-value">
                {i.value ?? t.common.none}
                <span className="count-unit">{L.counts.unit}</span>
              </div>
            </Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}

function MyOpen({
  wb,
  now,
  clock,
}: {
  wb: ReturnType<typeof useWorkbenchQuery>;
  now: number;
  clock: ReturnType<typeof useWorkingClock>;
}) {
  const caseRows = useCaseRows(now);
  return (
    <ListTable<CaseSummary>
      query={wb}
      rows={wb.data?.myOpen ?? []}
      columns={caseColumns(
        ['receiptNo', 'item', 'applicant', 'statusKind', 'countdown', 'deadline'],
        now,
        clock,
      )}
      empty={L.myOpenEmpty}
      title={() => <h2 className="card-title">{L.myOpen}</h2>}
      {...caseRows}
      scroll={{ x: 1000 }}
    />
  );
}

function Today({
  rows,
  loading,
  now,
  clock,
}: {
  rows: CaseSummary[];
  loading: boolean;
  now: number;
  clock: ReturnType<typeof useWorkingClock>;
}) {
  return (
    <Card title={<h2 className="card-title">{L.today}</h2>} className="block-gap-top">
      {rows.length === 0 && !loading ? (
        <Typography.Text type="secondary">{L.todayEmpty}</Typography.Text>
      ) : (
        <Table<CaseSummary>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={false}
          columns={caseColumns(
            ['receivedTime', 'receiptNo', 'item', 'applicant', 'statusKind', 'holder'],
            now,
            clock,
          )}
          scroll={{ x: 900 }}
        />
      )}
    </Card>
  );
}
