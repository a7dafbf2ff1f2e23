import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Select, Space, type TableColumnsType } from 'antd';
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { ACTION_LABELS, ENTITY_LABELS } from '@bianmin/contracts';
import {
  api,
  keys,
  type AuditEntry,
  type AuditListQuery,
  type AuditVerification,
} from '../../api/endpoints.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import {
  endOfDayInCenter,
  formatDateTime,
  startOfDayInCenter,
  type Dayjs,
} from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { AuditDiff, auditFieldLabel } from './AuditDiff.tsx';

const L = t.audit;

type Filters = Omit<AuditListQuery, 'page' | 'pageSize' | 'centerId'>;

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  action?: string;
  entityType?: string;
  actorUserId?: number;
  entityId?: string;
}

function toFilters(v: FilterValues): Filters {
  const [start, end] = v.range ?? [null, null];
  const entityId = v.entityId?.trim();
  return {
    from: start ? startOfDayInCenter(start) : undefined,
    to: end ? endOfDayInCenter(end) : undefined,
    action: v.action || undefined,
    entityType: v.entityType || undefined,
    actorUserId: v.actorUserId ?? undefined,
    entityId: entityId || undefined,
  };
}

const actionOptions = Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }));
const entityOptions = Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }));

export default function AuditPage() {
  const canVerify = useCan('audit.verify');
  const scope = useCenterScope();
  const verify = useMutation<AuditVerification>({
    mutationFn: () => api.audit.verify(scope.query),
  });

  // A new center is a new chain: an earlier answer says nothing about it.
  const { reset } = verify;
  useEffect(() => reset(), [scope.centerId, reset]);

  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        canVerify ? (
          <Button
            icon={<SafetyCertificateOutlined aria-hidden />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {L.verify}
          </Button>
        ) : null
      }
    >
      <VerificationResult
        result={verify.data}
        error={verify.error}
        onClose={() => verify.reset()}
      />
      <AuditTrail />
    </CenterPage>
  );
}

function VerificationResult({
  result,
  error,
  onClose,
}: {
  result: AuditVerification | undefined;
  error: unknown;
  onClose: () => void;
}) {
  if (error) {
    return <QueryErrorAlert error={error} />;
  }
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        className="block-gap"
        title={L.verifyOk(result.checked)}
        closable={{ onClose }}
      />
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="block-gap"
      title={
        broken
          ? L.verifyBroken(broken.seq, broken.id, L.reasons[broken.reason])
          : L.verifyBrokenTitle
      }
      description={L.verifyBrokenHint}
      closable={{ onClose }}
    />
  );
}

function AuditTrail() {
  const scope = useCenterScope();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const query: AuditListQuery = { ...scope.query, ...filters, page, pageSize };
  const list = useQuery({
    queryKey: keys.audit(scope.centerId, query),
    queryFn: () => api.audit.list(query),
    enabled: scope.ready,
    placeholderData: keepPreviousData,
  });
  const actors = useQuery({
    queryKey: keys.auditActors(scope.centerId),
    queryFn: () => api.audit.actors(scope.query),
    enabled: scope.ready,
  });
  const actorOptions = (actors.data ?? []).map((a) => ({ value: a.userId, label: a.name }));

  const columns: TableColumnsType<AuditEntry> = [
    // Widths for a 1366 px screen with the menu open; the time never breaks in two.
    { title: L.at, dataIndex: 'at', width: 140, className: 'nowrap-cell', render: formatDateTime },
    { title: L.seq, dataIndex: 'seq', width: 64 },
    {
      title: L.actor,
      dataIndex: 'actorName',
      width: 150,
      render: (name: string, e) => name || (e.actorUserId === null ? L.actorSystem : t.common.none),
    },
    {
      title: L.action,
      dataIndex: 'action',
      width: 140,
      render: (action: string) => ACTION_LABELS[action] ?? action,
    },
    {
      title: L.entityType,
      dataIndex: 'entityType',
      width: 90,
      render: (type: string) => ENTITY_LABELS[type] ?? type,
    },
    { title: L.entityId, dataIndex: 'entityId', width: 90 },
    {
      title: L.changed,
      dataIndex: 'changed',
      ellipsis: true,
      render: (changed: string[]) =>
        changed.length === 0
          ? t.common.none
          : changed.map(auditFieldLabel).join(t.common.listSeparator),
    },
    {
      title: L.ip,
      dataIndex: 'ip',
      width: 110,
      render: (ip: string | null) => ip ?? t.common.none,
    },
  ];

  const search = (values: FilterValues) => {
    setFilters(toFilters(values));
    setPage(1);
  };

  const filterForm = (
    <Form<FilterValues>
      form={form}
      name="auditFilters"
      layout="inline"
      className="filter-form"
      onFinish={search}
      role="search"
    >
      <Form.Item label={L.range} name="range">
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[L.rangeStart, L.rangeEnd]}
        />
      </Form.Item>
      <Form.Item label={L.action} name="action">
        <Select
          allowClear
          placeholder={L.all}
          options={actionOptions}
          style={{ width: 160 }}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item label={L.entityType} name="entityType">
        <Select allowClear placeholder={L.all} options={entityOptions} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item label={L.actor} name="actorUserId">
        <Select<number>
          allowClear
          placeholder={L.all}
          options={actorOptions}
          loading={actors.isPending}
          style={{ width: 180 }}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item label={L.entityId} name="entityId">
        <Input allowClear style={{ width: 120 }} maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
            {t.common.search}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              search({});
            }}
          >
            {t.common.reset}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );

  return (
    <ListTable<AuditEntry>
      query={list}
      rows={list.data?.items ?? []}
      columns={columns}
      empty={L.empty}
      toolbar={filterForm}
      expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
      scroll={{ x: 1040 }}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: t.common.total,
        onChange: (p, size) => {
          setPage(size === pageSize ? p : 1);
          setPageSize(size);
        },
      }}
    />
  );
}
