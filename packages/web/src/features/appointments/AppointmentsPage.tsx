import { useState, type ReactNode } from 'react';
import {
  App,
  Button,
  DatePicker,
  Input,
  Select,
  Space,
  Tabs,
  Tag,
  type TableColumnsType,
} from 'antd';
import {
  CalendarOutlined,
  CloseCircleOutlined,
  FormOutlined,
  PlusOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { BOOKING_STATUSES, CHANNEL_LABELS } from '@bianmin/contracts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction, serverPaging } from '../../components/ListTable.tsx';
import { useModalState } from '../../components/FormModal.tsx';
import { ReceiptLink } from '../../components/ReceiptLink.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import {
  DATE_FORMAT,
  formatInCenter,
  toIsoDate,
  todayInCenter,
  type Dayjs,
} from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { useNow } from '../cases/useWorkingClock.ts';
import {
  bookingKeys,
  bookingsApi,
  useBookingsQuery,
  type BookingRow,
  type BookingStatusValue,
} from './api.ts';
import { AppointmentSettingsCard } from './AppointmentSettingsCard.tsx';
import { CreateBookingModal } from './CreateBookingModal.tsx';
import { bookingActions, dayLabel, handOffOf, whenOf, type BookingActions } from './format.ts';
import { MoveBookingModal } from './MoveBookingModal.tsx';
import { StatsListNote, useStatsListParams } from '../stats/ListNote.tsx';
import './appointments.css';

const L = t.appointments;
const ACTIONS: readonly (keyof BookingActions)[] = ['intake', 'move', 'cancel', 'noShow'];

/** A cell's main line, and under it what goes with it in a quieter grey. */
function TwoLines({ main, children }: { main: ReactNode; children: ReactNode }) {
  return (
    <>
      <div>{main}</div>
      <div className="booking-muted">{children}</div>
    </>
  );
}

export function BookingStatusTag({ status }: { status: BookingStatusValue }) {
  return <Tag className={`booking-status booking-status-${status}`}>{L.statuses[status]}</Tag>;
}

/** 预约登记: the day's bookings and what to do with each; the settings for those who may change them. */
export default function AppointmentsPage() {
  const canSettings = useCan('appointments.settings');
  const scope = useCenterScope();
  const [creating, setCreating] = useState(false);
  const [tab, setTab] = useState('list');
  const list = <BookingsList />;
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
      {canSettings ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'list', label: L.tabList, children: list },
            {
              key: 'settings',
              label: L.tabSettings,
              children: <AppointmentSettingsCard key={scope.centerId} />,
            },
          ]}
        />
      ) : (
        list
      )}
      <CreateBookingModal open={creating} onClose={() => setCreating(false)} />
    </CenterPage>
  );
}

function BookingsList() {
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const now = useNow(30_000);
  const today = formatInCenter(new Date(now).toISOString(), DATE_FORMAT);
  // 办件统计 opens the bookings of a month (of a status) with ?month=&status=: no single day then.
  const fromStats = useStatsListParams();
  const [date, setDate] = useState<Dayjs | null>(() => (fromStats.month ? null : todayInCenter()));
  const [status, setStatus] = useState<BookingStatusValue | undefined>(() => {
    const s = fromStats.get('status');
    return fromStats.month && BOOKING_STATUSES.includes(s as BookingStatusValue)
      ? (s as BookingStatusValue)
      : undefined;
  });
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const pageSize = 100;
  const query = useBookingsQuery({
    date: toIsoDate(date) ?? undefined,
    month: fromStats.month,
    status,
    q: q || undefined,
    page,
    pageSize,
  });
  const moving = useModalState<BookingRow>();

  // A refusal (the slot began meanwhile, someone else changed it) says why and reloads the list.
  const cancel = useFeedbackMutation({
    mutationFn: bookingsApi.cancel,
    success: L.cancelled,
    invalidate: [bookingKeys.all],
    errors: { refetch: [bookingKeys.all] },
  });
  const noShow = useFeedbackMutation({
    mutationFn: bookingsApi.noShow,
    success: L.noShowDone,
    invalidate: [bookingKeys.all],
    errors: { refetch: [bookingKeys.all] },
  });

  const confirm = (b: BookingRow, kind: 'cancel' | 'noShow') => {
    const isCancel = kind === 'cancel';
    void modal.confirm({
      title: isCancel ? L.cancelTitle : L.noShowTitle,
      content: (isCancel ? L.cancelAsk : L.noShowAsk)(b.applicantName, whenOf(b)),
      okText: isCancel ? L.cancelOk : L.noShowOk,
      cancelText: isCancel ? L.cancelKeep : t.common.cancel,
      okButtonProps: { danger: isCancel },
      onOk: () => (isCancel ? cancel : noShow).mutate(b),
    });
  };

  /** What each row action does; `bookingActions` says which a booking offers now. */
  const act: Record<keyof BookingActions, { icon: ReactNode; run: (b: BookingRow) => void }> = {
    intake: {
      icon: <FormOutlined aria-hidden />,
      run: (b) => void navigate('/workbench', { state: { booking: handOffOf(b) } }),
    },
    move: { icon: <CalendarOutlined aria-hidden />, run: (b) => moving.openEdit(b) },
    cancel: { icon: <CloseCircleOutlined aria-hidden />, run: (b) => confirm(b, 'cancel') },
    noShow: { icon: <UserDeleteOutlined aria-hidden />, run: (b) => confirm(b, 'noShow') },
  };

  const columns: TableColumnsType<BookingRow> = [
    {
      title: L.columns.slot,
      key: 'slot',
      render: (_, b) => (
        <TwoLines main={<span className="booking-time">{L.slot(b.start, b.end)}</span>}>
          {dayLabel(b.date)}
        </TwoLines>
      ),
    },
    {
      title: L.columns.code,
      dataIndex: 'code',
      render: (code: string) => <span className="booking-code-cell">{code}</span>,
    },
    {
      title: L.columns.item,
      key: 'item',
      render: (_, b) => <TwoLines main={b.itemName}>{b.windowUnitName}</TwoLines>,
    },
    {
      title: L.columns.applicant,
      key: 'applicant',
      render: (_, b) => (
        <TwoLines main={b.applicantName}>
          <span className="booking-nowrap">{b.phoneMasked}</span>
        </TwoLines>
      ),
    },
    {
      title: L.columns.channel,
      key: 'channel',
      render: (_, b) => (
        <TwoLines main={<span className="booking-nowrap">{CHANNEL_LABELS[b.channel]}</span>}>
          {b.channel === 'online' ? L.citizen : L.enteredBy(b.createdByName)}
          {b.moves > 0 ? <div>{L.moved(b.moves)}</div> : null}
        </TwoLines>
      ),
    },
    {
      title: L.columns.status,
      key: 'status',
      className: 'booking-nowrap',
      render: (_, b) => <BookingStatusTag status={b.status} />,
    },
    {
      title: L.columns.receipt,
      key: 'receipt',
      render: (_, b) =>
        b.caseId !== null && b.receiptNo ? (
          <ReceiptLink caseId={b.caseId} receiptNo={b.receiptNo} />
        ) : (
          <span className="booking-muted">{t.common.none}</span>
        ),
    },
    {
      title: t.common.actions,
      key: 'actions',
      className: 'booking-nowrap booking-actions',
      render: (_, b) => {
        const can = bookingActions(b, now, today);
        return (
          <Space size={0}>
            {ACTIONS.filter((a) => can[a]).map((a) => (
              <RowAction
                key={a}
                icon={act[a].icon}
                label={L.actions[a]}
                name={`${b.applicantName} ${b.code}`}
                onClick={() => act[a].run(b)}
              />
            ))}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <StatsListNote
        month={fromStats.month}
        onClear={() => {
          fromStats.clear();
          setStatus(undefined);
          setDate(todayInCenter());
          setPage(1);
        }}
      />
      <ListTable<BookingRow>
        query={query}
        rows={query.data?.items ?? []}
        columns={columns}
        empty={date ? L.empty : L.emptyAllDates}
        size="middle"
        tableLayout="auto"
        toolbar={
          <div className="booking-filter" role="search" aria-label={L.search}>
            <DatePicker
              aria-label={L.date}
              value={date}
              placeholder={L.allDates}
              allowClear
              // The picker's own 今天 is the computer's date; this one is Beijing's, by the server.
              showNow={false}
              onChange={(d) => {
                setDate(d);
                setPage(1);
              }}
              renderExtraFooter={() => (
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    setDate(todayInCenter());
                    setPage(1);
                  }}
                >
                  {L.today}
                </Button>
              )}
            />
            <Select<BookingStatusValue | 'all'>
              aria-label={L.statusFilter}
              value={status ?? 'all'}
              style={{ width: 130 }}
              onChange={(v) => {
                setStatus(v === 'all' ? undefined : v);
                setPage(1);
              }}
              options={[
                { value: 'all', label: L.allStatuses },
                ...BOOKING_STATUSES.map((s) => ({ value: s, label: L.statuses[s]! })),
              ]}
            />
            <Input.Search
              aria-label={L.search}
              placeholder={L.searchPlaceholder}
              allowClear
              maxLength={50}
              style={{ width: 260 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
          </div>
        }
        pagination={serverPaging(page, pageSize, query.data?.total, setPage)}
      />
      <MoveBookingModal open={moving.open} booking={moving.record} onClose={moving.close} />
    </>
  );
}
