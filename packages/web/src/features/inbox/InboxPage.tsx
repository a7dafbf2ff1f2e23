import { lazy, Suspense, useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  Pagination,
  Popconfirm,
  Select,
  Skeleton,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { INBOX_KIND_KEYS, INBOX_KINDS, kindsFor, type InboxKind } from '@bianmin/domain';
import { useMe } from '../../auth/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { ValueFilter } from '../../components/ListTable.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  inboxApi,
  inboxKeys,
  routeOf,
  useInboxListQuery,
  useInboxPrefsQuery,
  type InboxItem,
  type InboxListQuery,
  type InboxPrefs,
} from './api.ts';
import { useMarkRead } from './useMarkRead.ts';
import './inbox.css';

const L = t.inbox;
const PAGE_SIZE = 20;

/** The director's decision on an extension request, inline (the extensions feature's own part). */
const ExtensionDecision = lazy(() => import('../extensions/ExtensionDecision.tsx'));

/** '/staff/cases/12' → 12. */
const caseIdOf = (link: string) => {
  const m = /\/cases\/(\d+)$/.exec(link);
  return m ? Number(m[1]) : null;
};

/** 待办与提醒: one's own items (unread first in weight), filters, read marks, and the SMS choice. */
export default function InboxPage() {
  const me = useMe();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [kind, setKind] = useState<InboxKind | undefined>(undefined);
  const [page, setPage] = useState(1);
  const q: InboxListQuery = { filter, ...(kind ? { kind } : {}), page, pageSize: PAGE_SIZE };
  const list = useInboxListQuery(q);
  const markRead = useMarkRead();
  const readAll = useFeedbackMutation({
    mutationFn: () => inboxApi.readAll(),
    success: (r) => L.readAllDone(r.marked),
    invalidate: [inboxKeys.all],
  });
  const mine = useMemo(
    () => kindsFor({ roles: me.roles, hasStaff: me.staffId !== null }, INBOX_KIND_KEYS),
    [me.roles, me.staffId],
  );
  const unread = list.data?.unread ?? 0;

  let body;
  if (list.isError)
    body = <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  else if (!list.data) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (list.data.items.length === 0)
    body = <Empty description={filter === 'unread' ? L.emptyUnread : L.empty} />;
  else
    body = (
      <ul className="inbox-list" aria-label={L.title}>
        {list.data.items.map((item) => (
          <InboxRow
            key={item.id}
            item={item}
            onRead={() => markRead.mutate(item.id)}
            reading={markRead.isPending && markRead.variables === item.id}
          />
        ))}
      </ul>
    );

  return (
    <>
      <PageHeader
        title={L.title}
        description={L.description}
        extra={
          <Popconfirm
            title={L.readAllConfirm}
            onConfirm={() => readAll.mutate(undefined)}
            okText={t.common.confirm}
            cancelText={t.common.cancel}
            disabled={unread === 0}
          >
            <Button
              icon={<CheckOutlined aria-hidden />}
              disabled={unread === 0}
              loading={readAll.isPending}
            >
              {L.readAll}
            </Button>
          </Popconfirm>
        }
      />
      <Card className="block-gap">
        <div className="inbox-toolbar">
          <ValueFilter<'unread'>
            label={L.filter}
            allLabel={L.filters.all!}
            value={filter}
            values={['unread']}
            names={{ unread: `${L.filters.unread!}（${unread}）` }}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
            }}
          />
          <Select<InboxKind>
            aria-label={L.kind}
            placeholder={L.allKinds}
            allowClear
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            options={(mine.length > 0 ? mine : INBOX_KIND_KEYS).map((k) => ({
              value: k,
              label: INBOX_KINDS[k],
            }))}
            className="inbox-kind-select"
          />
          <span className="inbox-muted">{L.unreadCount(unread)}</span>
        </div>
        {body}
        {list.data && list.data.total > PAGE_SIZE ? (
          <Pagination
            className="inbox-pagination"
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            showTotal={t.common.total}
            showSizeChanger={false}
            onChange={setPage}
          />
        ) : null}
      </Card>
      <SmsSettings kinds={mine} />
    </>
  );
}

function InboxRow({
  item,
  onRead,
  reading,
}: {
  item: InboxItem;
  onRead: () => void;
  reading: boolean;
}) {
  const unread = item.readAt === null;
  const caseId = caseIdOf(item.link);
  const decide =
    item.kind === 'extension_requested' &&
    item.subject.type === 'extension_request' &&
    caseId !== null;
  return (
    <li className={unread ? 'inbox-row inbox-unread' : 'inbox-row inbox-read'}>
      <div className="inbox-row-head">
        {unread ? (
          <span className="inbox-dot">
            <span className="sr-only">{L.unread}</span>
          </span>
        ) : null}
        <Tag color={item.kind === 'case_red' || item.kind === 'staff_case_red' ? 'red' : undefined}>
          {INBOX_KINDS[item.kind]}
        </Tag>
        <Link
          to={routeOf(item.link)}
          className="inbox-row-title"
          onClick={() => {
            if (unread) onRead();
          }}
        >
          {item.title}
        </Link>
      </div>
      {item.body ? <div className="inbox-row-body">{item.body}</div> : null}
      <div className="inbox-row-foot">
        <span className="inbox-muted">{formatDateTime(item.createdAt)}</span>
        {unread ? (
          <Button
            size="small"
            type="link"
            loading={reading}
            onClick={onRead}
            aria-label={`${L.markRead} ${L.itemName(item.title)}`}
          >
            {L.markRead}
          </Button>
        ) : (
          <span className="inbox-muted">{L.readAt(formatDateTime(item.readAt))}</span>
        )}
      </div>
      {decide ? (
        <div className="inbox-decision">
          <Suspense fallback={<Skeleton active paragraph={{ rows: 1 }} />}>
            <ExtensionDecision caseId={caseId} requestId={Number(item.subject.id)} />
          </Suspense>
        </div>
      ) : null}
    </li>
  );
}

interface SmsValues {
  smsMobile: string;
  smsKinds: InboxKind[];
  digest?: boolean;
}

/** 短信提醒: the mobile, the kinds that come by SMS too, and (the director) the morning digest. */
function SmsSettings({ kinds }: { kinds: readonly InboxKind[] }) {
  const prefs = useInboxPrefsQuery();
  const [form] = Form.useForm<SmsValues>();
  const data = prefs.data;
  const save = useFeedbackMutation({
    mutationFn: (v: SmsValues) =>
      inboxApi.setPrefs({
        version: data!.version,
        smsMobile: v.smsMobile.trim() === '' ? null : v.smsMobile.trim(),
        // Kinds chosen earlier that this page does not offer stay chosen.
        smsKinds: [...new Set([...v.smsKinds, ...hidden(data!, kinds)])],
        // Only the director is shown the switch; for everyone else it stays as it was.
        digest: v.digest ?? data!.digest,
      }),
    success: L.settings.saved,
    invalidate: [inboxKeys.prefs],
    errors: {
      target: { form, fields: ['smsMobile', 'smsKinds', 'digest'] },
      refetch: [inboxKeys.prefs],
    },
  });
  const offersDigest = kinds.includes('digest');
  let body;
  if (prefs.isError)
    body = <QueryErrorAlert error={prefs.error} onRetry={() => void prefs.refetch()} />;
  else if (data)
    body = (
      <Form<SmsValues>
        key={data.version}
        form={form}
        name="inboxSms"
        layout="vertical"
        initialValues={{
          smsMobile: data.smsMobile ?? '',
          smsKinds: data.smsKinds.filter((k) => kinds.includes(k)),
          digest: data.digest,
        }}
        onFinish={(v) => save.mutate(v)}
        className="inbox-settings-form"
      >
        <Form.Item label={L.settings.mobile} name="smsMobile" extra={L.settings.mobileHelp}>
          <Input
            inputMode="numeric"
            autoComplete="tel"
            maxLength={11}
            placeholder={L.settings.mobilePlaceholder}
            className="inbox-mobile"
          />
        </Form.Item>
        <Form.Item label={L.settings.kinds} name="smsKinds" extra={L.settings.kindsHelp}>
          <Checkbox.Group
            className="inbox-kinds"
            options={kinds.map((k) => ({ value: k, label: INBOX_KINDS[k] }))}
          />
        </Form.Item>
        {offersDigest ? (
          <Form.Item
            label={L.settings.digest}
            name="digest"
            valuePropName="checked"
            extra={L.settings.digestHelp}
          >
            <Switch
              checkedChildren={L.settings.digestOn}
              unCheckedChildren={L.settings.digestOff}
            />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {L.settings.save}
        </Button>
      </Form>
    );
  else body = <Skeleton active paragraph={{ rows: 3 }} />;
  return (
    <Card title={<h2 className="card-title">{L.settings.title}</h2>}>
      <Typography.Paragraph type="secondary">{L.settings.description}</Typography.Paragraph>
      {body}
    </Card>
  );
}

const hidden = (p: InboxPrefs, offered: readonly InboxKind[]) =>
  p.smsKinds.filter((k) => !offered.includes(k));
