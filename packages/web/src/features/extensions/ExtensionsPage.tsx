import { useState } from 'react';
import {
  Button,
  Card,
  Empty,
  Modal,
  Radio,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EXTENSION_REQUEST_STATUS_LABELS } from '@bianmin/contracts';
import { CenterPage } from '../../components/ListPage.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { ReceiptLink } from '../../components/ReceiptLink.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { useExtensionListQuery, type ExtensionRequest } from './api.ts';
import { ExtensionDecision } from './ExtensionDecision.tsx';
import { STATUS_COLORS } from './status.ts';
import './extensions.css';

const L = t.extensions;

/** 延期审批: the center's waiting extension requests (oldest first), and on demand the decided ones. */
export default function ExtensionsPage() {
  const [status, setStatus] = useState<'pending' | 'all'>('pending');
  const q = useExtensionListQuery(status);
  const [deciding, setDeciding] = useState<ExtensionRequest | null>(null);
  const rows = q.data?.items ?? [];
  const pending = rows.filter((r) => r.status === 'pending').length;

  const columns: TableColumnsType<ExtensionRequest> = [
    {
      title: L.colReceipt,
      dataIndex: 'receiptNo',
      width: 170,
      render: (_, r) => <ReceiptLink caseId={r.caseId} receiptNo={r.receiptNo} />,
    },
    { title: L.colItem, key: 'item', render: (_, r) => r.itemName ?? r.subject },
    { title: L.colHolder, dataIndex: 'requestedByName', width: 80 },
    {
      title: L.colDays,
      key: 'days',
      width: 100,
      render: (_, r) => `${r.days} ${L.unitWords[r.unit] ?? ''}`,
    },
    {
      title: L.colReason,
      dataIndex: 'reason',
      render: (v: string) => <span className="pre-line">{v}</span>,
    },
    {
      title: L.colRequestedAt,
      dataIndex: 'requestedAt',
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: L.colDeadline,
      key: 'deadline',
      width: 200,
      render: (_, r) =>
        r.status === 'pending' && r.newDeadlineAt
          ? L.deadlineArrow(formatDateTime(r.deadlineAt), formatDateTime(r.newDeadlineAt))
          : formatDateTime(r.deadlineAt),
    },
    {
      title: L.colStatus,
      dataIndex: 'status',
      width: 90,
      render: (_, r) => (
        <Tag color={STATUS_COLORS[r.status]}>{EXTENSION_REQUEST_STATUS_LABELS[r.status]}</Tag>
      ),
    },
    {
      title: L.colAction,
      key: 'action',
      width: 90,
      render: (_, r) =>
        r.status === 'pending' ? (
          <Button type="primary" size="small" onClick={() => setDeciding(r)}>
            {L.decideButton}
          </Button>
        ) : null,
    },
  ];

  return (
    <CenterPage
      title={L.listTitle}
      description={L.listDescription}
      actions={
        <Radio.Group
          aria-label={L.show}
          optionType="button"
          value={status}
          onChange={(e) => setStatus(e.target.value as 'pending' | 'all')}
          options={[
            { value: 'pending', label: L.showPending },
            { value: 'all', label: L.showAll },
          ]}
        />
      }
    >
      {q.isError ? <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Card
        title={
          <h2 className="card-title">
            {L.listTitle}
            {q.data ? <span className="board-title-count">{L.pendingCount(pending)}</span> : null}
          </h2>
        }
      >
        <Table<ExtensionRequest>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={q.isFetching && rows.length === 0}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: t.common.total }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={status === 'pending' ? L.empty : L.emptyAll}
              />
            ),
          }}
        />
      </Card>
      <Modal
        open={deciding !== null}
        title={L.decisionTitle}
        footer={null}
        width={640}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        {deciding ? (
          <>
            <ExtensionDecision caseId={deciding.caseId} requestId={deciding.id} showCaseLink />
            <Typography.Paragraph type="secondary" className="block-gap-top">
              {L.deadlineAfterHint}
            </Typography.Paragraph>
          </>
        ) : null}
      </Modal>
    </CenterPage>
  );
}
