import { useState } from 'react';
import { Space, Tag, type TableColumnsType } from 'antd';
import { ExclamationCircleOutlined, EyeInvisibleOutlined, SoundOutlined } from '@ant-design/icons';
import { ANNOUNCEMENT_STATUSES } from '@bianmin/contracts';
import { displayReceiptNo } from '@bianmin/domain';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction, serverPaging, ValueFilter } from '../../components/ListTable.tsx';
import { useModalState } from '../../components/FormModal.tsx';
import { ReceiptLink } from '../../components/ReceiptLink.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { useAnnouncementsQuery, type Announcement, type AnnouncementStatus } from './api.ts';
import { AnnouncementSettingsCard } from './AnnouncementSettingsCard.tsx';
import { isOverdue, stateLines } from './format.ts';
import { DecideModal, type Decision } from './DecideModal.tsx';
import './announcements.css';

const L = t.announcements;

/** 办结公告: what is to be announced, published or withheld; the publication period for the admin. */
export default function AnnouncementsPage() {
  const canSettings = useCan('announcements.settings');
  const scope = useCenterScope();
  return (
    <CenterPage title={L.title} description={L.description}>
      <AnnouncementsList />
      {canSettings ? (
        <section className="block-gap-top">
          <AnnouncementSettingsCard key={scope.centerId} />
        </section>
      ) : null}
    </CenterPage>
  );
}

export function AnnouncementStatusTag({ status }: { status: AnnouncementStatus }) {
  return (
    <Tag className={`announcement-status announcement-status-${status}`}>{L.statuses[status]}</Tag>
  );
}

function AnnouncementsList() {
  const [status, setStatus] = useState<AnnouncementStatus | 'all'>('pending');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const query = useAnnouncementsQuery({
    ...(status === 'all' ? {} : { status }),
    page,
    pageSize,
  });
  const [decision, setDecision] = useState<Decision>('publish');
  const deciding = useModalState<Announcement>();
  const decide = (a: Announcement, d: Decision) => {
    setDecision(d);
    deciding.openEdit(a);
  };

  const name = (a: Announcement) => L.rowName(displayReceiptNo(a.receiptNo));
  // What is decided is shown where it can be; what may be done, where something is still to do.
  const showState = status !== 'pending';
  const showActions = status === 'pending' || status === 'all';
  const columns: TableColumnsType<Announcement> = [
    {
      title: L.columns.receipt,
      key: 'receipt',
      width: 170,
      render: (_, a) => (
        <>
          <div className="announcement-nowrap">
            <ReceiptLink caseId={a.caseId} receiptNo={a.receiptNo} />
          </div>
          <div className="announcement-muted">{a.itemName}</div>
        </>
      ),
    },
    { title: L.columns.applicant, dataIndex: 'applicantShown', width: 90 },
    {
      title: L.columns.completedAt,
      key: 'completedAt',
      width: 105,
      render: (_, a) => formatDateTime(a.completedAt),
    },
    { title: L.columns.resultLine, dataIndex: 'resultLine', minWidth: 180 },
    {
      title: L.columns.dueAt,
      key: 'dueAt',
      width: 120,
      render: (_, a) => (
        <>
          <div>{formatDateTime(a.dueAt)}</div>
          {isOverdue(a) ? (
            <div className="announcement-overdue">
              <ExclamationCircleOutlined aria-hidden /> {L.overdue}
            </div>
          ) : null}
        </>
      ),
    },
  ];
  if (showState)
    columns.push({
      title: L.columns.state,
      key: 'state',
      width: 190,
      render: (_, a) => (
        <>
          <AnnouncementStatusTag status={a.status} />
          {stateLines(a, formatDateTime).map((line) => (
            <div key={line} className="announcement-muted">
              {line}
            </div>
          ))}
        </>
      ),
    });
  if (showActions)
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 150,
      className: 'announcement-nowrap announcement-actions',
      render: (_, a) =>
        a.status === 'pending' ? (
          <Space size={0}>
            <RowAction
              icon={<SoundOutlined aria-hidden />}
              label={L.actions.publish}
              name={name(a)}
              onClick={() => decide(a, 'publish')}
            />
            <RowAction
              icon={<EyeInvisibleOutlined aria-hidden />}
              label={L.actions.withhold}
              name={name(a)}
              onClick={() => decide(a, 'withhold')}
            />
          </Space>
        ) : null,
    });

  return (
    <>
      <ListTable<Announcement>
        query={query}
        rows={query.data?.items ?? []}
        columns={columns}
        empty={L.empty[status]}
        size="middle"
        scroll={{ x: showState && showActions ? 1005 : 850 }}
        toolbar={
          <div className="block-gap">
            <ValueFilter<AnnouncementStatus>
              label={L.statusFilter}
              allLabel={L.allStatuses}
              value={status}
              values={ANNOUNCEMENT_STATUSES}
              names={L.statuses}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
            />
          </div>
        }
        pagination={serverPaging(page, pageSize, query.data?.total, setPage)}
      />
      <DecideModal
        decision={decision}
        open={deciding.open}
        record={deciding.record}
        onClose={deciding.close}
      />
    </>
  );
}
