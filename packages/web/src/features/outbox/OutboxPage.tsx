import { useState } from 'react';
import { Alert, Tag, type TableColumnsType } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import {
  outboxApi,
  outboxKeys,
  useOutboxQuery,
  type OutboxMessage,
  type OutboxState,
} from '../../api/outbox.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction, serverPaging, ValueFilter } from '../../components/ListTable.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { providerLabel, stateDetail, stateTag } from './format.ts';
import './outbox.css';

const L = t.outbox;
const STATES: readonly OutboxState[] = ['pending', 'sent', 'failed'];

/** 短信记录: what was sent to applicants, whether it arrived at the gateway, and a retry. */
export default function OutboxPage() {
  const [state, setState] = useState<OutboxState | 'all'>('all');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useOutboxQuery({ ...(state === 'all' ? {} : { state }), page, pageSize });
  const rows = list.data?.items ?? [];
  const retry = useFeedbackMutation({
    mutationFn: (id: number) => outboxApi.retry(id),
    success: L.retried,
    invalidate: [outboxKeys.all],
    errors: { refetch: [outboxKeys.all] },
  });

  const columns: TableColumnsType<OutboxMessage> = [
    {
      title: L.createdAt,
      key: 'createdAt',
      width: 150,
      render: (_, m) => formatDateTime(m.createdAt),
    },
    { title: L.recipient, dataIndex: 'recipientMasked', width: 120 },
    { title: L.template, dataIndex: 'templateName', width: 120 },
    { title: L.text, dataIndex: 'text', minWidth: 260 },
    {
      title: L.state,
      key: 'state',
      width: 150,
      render: (_, m) => {
        const tag = stateTag(m.state);
        const detail = stateDetail(m, formatDateTime);
        const via = providerLabel(m.provider);
        return (
          <>
            <Tag color={tag.color}>{tag.label}</Tag>
            {detail ? <div className="outbox-muted">{detail}</div> : null}
            {via ? <div className="outbox-muted">{L.viaProvider(via)}</div> : null}
          </>
        );
      },
    },
    { title: L.attempts, dataIndex: 'attempts', width: 90, align: 'right' },
    {
      title: L.error,
      key: 'error',
      minWidth: 160,
      render: (_, m) => m.lastError ?? t.common.none,
    },
    {
      title: t.common.actions,
      key: 'actions',
      width: 110,
      render: (_, m) => {
        if (m.retryable)
          return (
            <RowAction
              icon={<RedoOutlined aria-hidden />}
              label={L.retry}
              name={L.rowName(m.id)}
              onClick={() => retry.mutate(m.id)}
            />
          );
        return m.state === 'failed' ? (
          <span className="outbox-muted">{L.codeNotResent}</span>
        ) : null;
      },
    },
  ];

  return (
    <CenterPage title={L.title} description={L.description}>
      {list.data?.providerIsLog ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={L.logBanner}
          description={L.logBannerDetail}
        />
      ) : null}
      <ListTable<OutboxMessage>
        query={list}
        rows={rows}
        columns={columns}
        empty={L.empty}
        size="middle"
        scroll={{ x: 1100 }}
        toolbar={
          <div className="block-gap">
            <ValueFilter<OutboxState>
              label={L.stateFilter}
              allLabel={L.allStates}
              value={state}
              values={STATES}
              names={L.states}
              onChange={(v) => {
                setState(v);
                setPage(1);
              }}
            />
          </div>
        }
        pagination={serverPaging(page, pageSize, list.data?.total, setPage)}
      />
    </CenterPage>
  );
}
