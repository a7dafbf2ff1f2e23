import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  Button,
  Card,
  DatePicker,
  Form,
  InputNumber,
  Segmented,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import {
  AuditOutlined,
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  MessageOutlined,
  PhoneOutlined,
  SolutionOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { displayReceiptNo, isSatisfactionLevel, SATISFACTION_LABELS } from '@bianmin/domain';
import { useCan, useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction, serverPaging } from '../../components/ListTable.tsx';
import { useModalState } from '../../components/FormModal.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { ReceiptLink } from '../../components/ReceiptLink.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { dayjs, formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { ActionModal, type RatingAction } from './ActionModal.tsx';
import { StatsListNote, useStatsListParams } from '../stats/ListNote.tsx';
import {
  ratingKeys,
  ratingsApi,
  useMyRatingsQuery,
  useRatingSettingsQuery,
  useRatingsQuery,
  type RatingListQuery,
  type RatingSettingsView,
  type SatisfactionRating,
} from './api.ts';
import './ratings.css';

const L = t.ratings;
type View = 'all' | 'bad' | 'open' | 'overdue' | 'contest';
const VIEWS: View[] = ['all', 'bad', 'open', 'overdue', 'contest'];
const BAD = ['dissatisfied', 'very_dissatisfied'];
const ICONS: Record<RatingAction, ReactNode> = {
  assign: <UserSwitchOutlined aria-hidden />,
  contact: <PhoneOutlined aria-hidden />,
  reply: <MessageOutlined aria-hidden />,
  close: <CheckCircleOutlined aria-hidden />,
  contest: <SolutionOutlined aria-hidden />,
  decide: <AuditOutlined aria-hidden />,
};

/** 好差评: what concerns me, the center's ratings with the satisfaction rate, the settings. */
export default function RatingsPage() {
  const canRead = useCan('ratings.read');
  const canSettings = useCan('ratings.settings');
  const scope = useCenterScope();
  return (
    <CenterPage title={L.title} description={L.description}>
      <MyRatings />
      {canRead ? <CenterRatings /> : null}
      {canSettings ? (
        <section className="block-gap-top">
          <SettingsCard key={scope.centerId} />
        </section>
      ) : null}
    </CenterPage>
  );
}

/** Which steps the signed-in user may take on a rating now. */
function useActions() {
  const me = useMe();
  const manage = useCan('ratings.manage');
  const decide = useCan('assessment.manage');
  return (r: SatisfactionRating): RatingAction[] => {
    const out: RatingAction[] = [];
    const f = r.followUp;
    const assignee = f !== null && me.staffId !== null && f.assignedToStaffId === me.staffId;
    if (f && f.status !== 'closed') {
      if (manage && f.repliedAt === null) out.push('assign');
      if ((manage || assignee) && f.assignedToStaffId !== null && f.contactedAt === null)
        out.push('contact');
      if ((manage || assignee) && f.contactedAt !== null && f.repliedAt === null) out.push('reply');
      if (manage && f.repliedAt !== null) out.push('close');
    }
    if (r.contest === null && me.staffId !== null && r.staffId === me.staffId) out.push('contest');
    if (decide && r.contest && r.contest.decision === null && r.contest.staffId !== me.staffId)
      out.push('decide');
    return out;
  };
}

function LevelCell({ r }: { r: SatisfactionRating }) {
  return (
    <>
      <Tag className={`rating-level ${BAD.includes(r.level) ? 'rating-bad' : 'rating-good'}`}>
        {L.levels[r.level]}
      </Tag>
      {r.excluded ? <Tag>{L.excluded}</Tag> : null}
      {r.reasons.length ? <div className="rating-muted">{r.reasons.join('、')}</div> : null}
      {r.text ? <div className="rating-text">{r.text}</div> : null}
      <div className="rating-muted">{L.channelBy(L.channels[r.channel]!, r.enteredByName)}</div>
    </>
  );
}

function FollowUpCell({ r }: { r: SatisfactionRating }) {
  const f = r.followUp;
  if (!f) return null;
  return (
    <>
      <Tag>{L.followUpStatuses[f.status]}</Tag>
      {f.assignedToName ? <div>{L.assignedTo(f.assignedToName)}</div> : null}
      {f.contactedAt === null ? (
        <div className={f.contactOverdue ? 'rating-overdue' : 'rating-muted'}>
          {f.contactOverdue ? <ExclamationCircleOutlined aria-hidden /> : null}{' '}
          {L.contactDue(formatDateTime(f.contactDueAt))}
          {f.contactOverdue ? `（${L.contactOverdue}）` : ''}
        </div>
      ) : null}
      {f.repliedAt === null ? (
        <div className={f.fixOverdue ? 'rating-overdue' : 'rating-muted'}>
          {f.fixOverdue ? <ExclamationCircleOutlined aria-hidden /> : null}{' '}
          {L.fixDue(formatDateTime(f.fixDueAt))}
          {f.fixOverdue ? `（${L.fixOverdue}）` : ''}
        </div>
      ) : null}
      {f.reply ? <div className="rating-muted">{`${L.reply}：${f.reply}`}</div> : null}
    </>
  );
}

function useColumns(onAction: (r: SatisfactionRating, a: RatingAction) => void) {
  const actions = useActions();
  const columns: TableColumnsType<SatisfactionRating> = [
    {
      title: L.columns.receipt,
      key: 'receipt',
      width: 170,
      render: (_, r) => (
        <>
          <div className="rating-nowrap">
            <ReceiptLink caseId={r.caseId} receiptNo={r.receiptNo} />
          </div>
          <div className="rating-muted">{r.itemName}</div>
          <div className="rating-muted">
            {r.applicantShown}
            {r.phoneMasked ? ` ${r.phoneMasked}` : ''}
          </div>
        </>
      ),
    },
    { title: L.columns.level, key: 'level', width: 220, render: (_, r) => <LevelCell r={r} /> },
    { title: L.columns.staff, key: 'staff', width: 90, render: (_, r) => r.staffName ?? '—' },
    {
      title: L.columns.ratedAt,
      key: 'ratedAt',
      width: 110,
      render: (_, r) => formatDateTime(r.ratedAt),
    },
    {
      title: L.columns.followUp,
      key: 'followUp',
      width: 240,
      render: (_, r) => (
        <>
          <FollowUpCell r={r} />
          {r.contest && r.contest.decision === null ? (
            <div className="rating-muted">{L.contestPending(r.contest.staffName)}</div>
          ) : null}
          {r.contest?.decision === 'upheld' ? (
            <div className="rating-muted">{L.contestUpheld(r.contest.decidedByName)}</div>
          ) : null}
          {r.contest?.decision === 'rejected' ? (
            <div className="rating-muted">{L.contestRejected(r.contest.decidedByName)}</div>
          ) : null}
        </>
      ),
    },
    {
      title: t.common.actions,
      key: 'actions',
      width: 130,
      className: 'rating-actions',
      render: (_, r) => (
        <Space size={0} orientation="vertical" align="start">
          {actions(r).map((a) => (
            <RowAction
              key={a}
              icon={ICONS[a]}
              label={L.actions[a]}
              name={L.rowName(displayReceiptNo(r.receiptNo))}
              onClick={() => onAction(r, a)}
            />
          ))}
        </Space>
      ),
    },
  ];
  return columns;
}

function useActionModal() {
  const modal = useModalState<SatisfactionRating>();
  const [action, setAction] = useState<RatingAction>('assign');
  const open = (r: SatisfactionRating, a: RatingAction) => {
    setAction(a);
    modal.openEdit(r);
  };
  const element = (
    <ActionModal action={action} open={modal.open} record={modal.record} onClose={modal.close} />
  );
  return { open, element };
}

function MyRatings() {
  const mine = useMyRatingsQuery();
  const modal = useActionModal();
  const columns = useColumns(modal.open);
  const data = mine.data;
  if (mine.isError)
    return <QueryErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />;
  if (!data || (data.aboutMe.length === 0 && data.assignedToMe.length === 0)) return null;
  return (
    <Card className="block-gap" title={<h2 className="card-title">{L.mine}</h2>}>
      {data.assignedToMe.length ? (
        <>
          <h3>{L.assignedToMe}</h3>
          <Table<SatisfactionRating>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data.assignedToMe}
            pagination={false}
            scroll={{ x: 960 }}
          />
        </>
      ) : null}
      {data.aboutMe.length ? (
        <>
          <h3>{L.aboutMe}</h3>
          <Table<SatisfactionRating>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data.aboutMe}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 960 }}
          />
        </>
      ) : null}
      {modal.element}
    </Card>
  );
}

function CenterRatings() {
  const [view, setView] = useState<View>('all');
  // 办件统计 opens the list of a month (and of one level) with ?month=&level=.
  const fromStats = useStatsListParams();
  const level = fromStats.get('level');
  const statsLevel = isSatisfactionLevel(level) ? level : undefined;
  const [month, setMonth] = useState<Dayjs | null>(() =>
    fromStats.month ? dayjs(`${fromStats.month}-01`) : null,
  );
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const q: RatingListQuery = {
    page,
    pageSize,
    ...(month ? { month: month.format('YYYY-MM') } : {}),
    ...(statsLevel ? { level: statsLevel } : {}),
    ...(view === 'bad' ? { bad: 'true' as const } : {}),
    ...(view === 'open' ? { followUp: 'open' as const } : {}),
    ...(view === 'overdue' ? { followUp: 'overdue' as const } : {}),
    ...(view === 'contest' ? { contest: 'pending' as const } : {}),
  };
  const query = useRatingsQuery(q);
  const modal = useActionModal();
  const columns = useColumns(modal.open);
  const s = query.data?.stats;
  return (
    <section aria-label={L.center}>
      <StatsListNote
        month={fromStats.month}
        more={[statsLevel && SATISFACTION_LABELS[statsLevel]]}
        onClear={() => {
          fromStats.clear();
          setMonth(null);
        }}
      />
      <ListTable<SatisfactionRating>
        query={query}
        rows={query.data?.items ?? []}
        columns={columns}
        empty={L.empty}
        size="middle"
        scroll={{ x: 960 }}
        toolbar={
          <div className="block-gap rating-toolbar">
            <Segmented<View>
              aria-label={L.filters.view}
              value={view}
              onChange={(v) => {
                setView(v);
                setPage(1);
              }}
              options={VIEWS.map((v) => ({ value: v, label: L.filters.views[v] }))}
            />
            <DatePicker
              picker="month"
              aria-label={L.filters.month}
              placeholder={L.filters.month}
              value={month}
              onChange={(m) => {
                setMonth(m);
                setPage(1);
                if (fromStats.month) fromStats.clear();
              }}
            />
            {query.data ? <Typography.Text>{L.shown(query.data.total)}</Typography.Text> : null}
            {s ? (
              <Typography.Text strong className="rating-stats" role="status">
                {L.stats(query.data?.statsMonth ?? null, s.total, s.ratePercent, s.bad, s.excluded)}
              </Typography.Text>
            ) : null}
          </div>
        }
        pagination={serverPaging(page, pageSize, query.data?.total, setPage)}
      />
      {modal.element}
    </section>
  );
}

type SettingsValues = Pick<RatingSettingsView, 'windowDays'>;

function SettingsCard() {
  const settings = useRatingSettingsQuery();
  const scope = useCenterScope();
  const [form] = Form.useForm<SettingsValues>();
  const data = settings.data;
  const save = useFeedbackMutation({
    mutationFn: (v: SettingsValues) =>
      ratingsApi.updateSettings(scope.query, { windowDays: v.windowDays, version: data!.version }),
    success: L.settingsSaved,
    invalidate: [ratingKeys.all],
    errors: {
      target: { form, fields: ['windowDays'] },
      refetch: [ratingKeys.settings(scope.centerId)],
    },
  });
  let body;
  if (settings.isError)
    body = <QueryErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  else if (data)
    body = (
      <Form<SettingsValues>
        key={data.version}
        form={form}
        name="ratingSettings"
        layout="inline"
        initialValues={data}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item label={L.windowDays} name="windowDays">
          <InputNumber<number> min={7} max={90} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t.common.save}
        </Button>
      </Form>
    );
  else body = <Skeleton active paragraph={{ rows: 1 }} />;
  return (
    <Card title={<h2 className="card-title">{L.settings}</h2>}>
      {data ? (
        <Typography.Paragraph>
          {L.termsInForce(data.contactWorkingDays, data.fixWorkingDays)}{' '}
          <Link to="/regulations">{L.termsWhere}</Link>
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph type="secondary">{L.settingsHelp}</Typography.Paragraph>
      {body}
    </Card>
  );
}
