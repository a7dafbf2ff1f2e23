import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import { LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import {
  attendanceApi,
  attendanceKeys,
  useMyMonthQuery,
  useTodayQuery,
  type TodayState,
} from '../../api/attendance.ts';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { MonthPicker, MonthTotals, PostTag, monthColumns, thisMonth, withIds } from './shared.tsx';
import './attendance.css';

const C = t.clock;
const S = t.attendanceShared;

export default function ClockPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title={C.title} description={C.description} />
      {me.staffId === null ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={S.noStaff} />
        </Card>
      ) : (
        <>
          <Today />
          <MyMonth />
        </>
      )}
    </>
  );
}

function Today() {
  const today = useTodayQuery();
  const invalidate = [attendanceKeys.all];
  const signIn = useFeedbackMutation({
    mutationFn: attendanceApi.signIn,
    success: C.signedIn,
    invalidate,
  });
  const signOut = useFeedbackMutation({
    mutationFn: attendanceApi.signOut,
    success: C.signedOut,
    invalidate,
  });
  if (today.isError)
    return <QueryErrorAlert error={today.error} onRetry={() => void today.refetch()} />;
  if (!today.data) return <Skeleton active />;
  const d: TodayState = today.data;
  const at = (iso: string | null) => (iso ? formatInCenter(iso, 'HH:mm:ss') : C.notYet);
  return (
    <Card className="block-gap" title={`${C.today} ${d.date}`}>
      {d.workingDay === false ? (
        <Alert type="info" showIcon className="block-gap" title={C.notWorkingDay} />
      ) : null}
      {d.workingDay === null ? (
        <Alert type="warning" showIcon className="block-gap" title={C.calendarMissing} />
      ) : null}
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} md={10}>
          <Space size="large" wrap>
            <Button
              type="primary"
              size="large"
              className="attendance-big-button"
              icon={<LoginOutlined aria-hidden />}
              disabled={d.signIn !== null}
              loading={signIn.isPending}
              onClick={() => signIn.mutate(undefined)}
            >
              {C.signIn}
            </Button>
            <Button
              size="large"
              className="attendance-big-button"
              icon={<LogoutOutlined aria-hidden />}
              disabled={d.signIn === null || d.signOut !== null}
              loading={signOut.isPending}
              onClick={() => signOut.mutate(undefined)}
            >
              {C.signOut}
            </Button>
          </Space>
        </Col>
        <Col xs={24} md={14}>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'in', label: C.signInAt, children: at(d.signIn) },
              { key: 'out', label: C.signOutAt, children: at(d.signOut) },
              {
                key: 'state',
                label: C.stateNow,
                children: <PostTag reason={d.reason} absence={d.absence} />,
              },
              {
                key: 'hours',
                label: C.window,
                children: (
                  <>
                    {d.windowName ?? t.common.none}{' '}
                    {d.open && d.close ? <Tag>{C.hours(d.open, d.close)}</Tag> : null}
                  </>
                ),
              },
            ]}
          />
        </Col>
      </Row>
    </Card>
  );
}

function MyMonth() {
  const [month, setMonth] = useState(thisMonth);
  const q = useMyMonthQuery(month);
  return (
    <Card title={C.monthTitle}>
      <MonthPicker id="my-attendance-month" value={month} onChange={setMonth} />
      {q.isError ? <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? <MonthTotals month={q.data} /> : null}
      <Table
        rowKey="date"
        size="small"
        columns={monthColumns()}
        dataSource={withIds(q.data?.days ?? [])}
        loading={q.isFetching}
        pagination={false}
        rowClassName={(d) => (d.workingDay === false ? 'attendance-rest-day' : '')}
      />
      <p className="attendance-hint">{C.notCountedHint}</p>
    </Card>
  );
}
