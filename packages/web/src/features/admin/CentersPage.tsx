import { App, Button, Card, Empty, Form, Input, Table, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, keys, type Center } from '../../api/endpoints.ts';
import { useCentersQuery } from '../../center/CenterScopeProvider.tsx';
import { useCenterScope } from '../../center/scope.ts';
import { FormModal, useModalState } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { codeRule, maxLength, required } from '../../lib/rules.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.centers;

export default function CentersPage() {
  const modal = useModalState<Center>();
  const list = useCentersQuery();
  const scope = useCenterScope();

  const columns: TableColumnsType<Center> = [
    {
      title: L.code,
      dataIndex: 'code',
      width: 160,
      sorter: (a, b) => a.code.localeCompare(b.code),
    },
    {
      title: L.name,
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, c) =>
        scope.crossCenter && c.id === scope.centerId ? (
          <>
            {name} <span className="current-center-mark">（{t.layout.center}）</span>
          </>
        ) : (
          name
        ),
    },
    { title: L.region, dataIndex: 'region' },
    { title: L.createdAt, dataIndex: 'createdAt', width: 170, render: formatDateTime },
    {
      title: t.common.actions,
      key: 'actions',
      width: 120,
      render: (_, record) => (
        <Button
          type="link"
          icon={<EditOutlined aria-hidden />}
          onClick={() => modal.openEdit(record)}
          aria-label={`${t.common.edit} ${record.name}`}
        >
          {t.common.edit}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={L.title}
        description={L.description}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={modal.openCreate}>
            {L.create}
          </Button>
        }
      />
      <Card>
        {list.isError ? (
          <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : null}
        <Table<Center>
          rowKey="id"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: t.common.total }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.empty} />,
          }}
        />
      </Card>
      <CenterModal open={modal.open} record={modal.record} onClose={modal.close} />
    </>
  );
}

interface Values {
  code: string;
  name: string;
  region: string;
}

function CenterModal({
  open,
  record,
  onClose,
}: {
  open: boolean;
  record: Center | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();

  const save = useMutation({
    mutationFn: (v: Values) =>
      record
        ? api.centers.update(record.id, {
            name: v.name.trim(),
            region: v.region.trim(),
            version: record.version,
          })
        : api.centers.create({ code: v.code.trim(), name: v.name.trim(), region: v.region.trim() }),
    onSuccess: () => {
      void message.success(record ? t.common.updated : t.common.created);
      void queryClient.invalidateQueries({ queryKey: keys.centers });
      onClose();
    },
    onError: (e) =>
      handleError(e, {
        target: { form, fields: ['code', 'name', 'region'], codes: { DUPLICATE: 'code' } },
        refetch: [keys.centers],
      }),
  });

  return (
    <FormModal<Values>
      open={open}
      title={record ? L.editTitle : L.create}
      formName="centerForm"
      form={form}
      initialValues={record ? { code: record.code, name: record.name, region: record.region } : {}}
      submitting={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
    >
      <Form.Item
        label={L.code}
        name="code"
        extra={record ? undefined : L.codeHelp}
        rules={record ? [] : [required(L.code), maxLength(L.code, 32), codeRule]}
      >
        <Input disabled={!!record} autoComplete="off" />
      </Form.Item>
      <Form.Item label={L.name} name="name" rules={[required(L.name), maxLength(L.name, 100)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={L.region}
        name="region"
        rules={[required(L.region), maxLength(L.region, 100)]}
      >
        <Input autoComplete="off" placeholder={L.regionPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}
