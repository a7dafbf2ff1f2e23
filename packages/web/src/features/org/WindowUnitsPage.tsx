import { App, Button, Card, Empty, Form, Input, Switch, Table, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, keys, type WindowUnit } from '../../api/endpoints.ts';
import { useWindowUnitsQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterRequired } from '../../components/CenterRequired.tsx';
import { FormModal, useModalState } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { ActiveTag } from '../../components/StatusTag.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { codeRule, maxLength, required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.windowUnits;

export default function WindowUnitsPage() {
  const scope = useCenterScope();
  const canManage = useCan('org.manage');
  const modal = useModalState<WindowUnit>();
  return (
    <>
      <PageHeader
        title={L.title}
        description={L.description}
        extra={
          canManage && scope.ready ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={modal.openCreate}>
              {L.create}
            </Button>
          ) : null
        }
      />
      <CenterRequired>
        <WindowUnitsTable canManage={canManage} onEdit={modal.openEdit} />
        <WindowUnitModal open={modal.open} record={modal.record} onClose={modal.close} />
      </CenterRequired>
    </>
  );
}

function WindowUnitsTable({
  canManage,
  onEdit,
}: {
  canManage: boolean;
  onEdit: (u: WindowUnit) => void;
}) {
  const list = useWindowUnitsQuery();
  const columns: TableColumnsType<WindowUnit> = [
    {
      title: L.code,
      dataIndex: 'code',
      width: 160,
      sorter: (a, b) => a.code.localeCompare(b.code),
    },
    { title: L.name, dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: t.common.status,
      dataIndex: 'active',
      width: 120,
      render: (active: boolean) => <ActiveTag active={active} />,
      filters: [
        { text: t.common.active, value: true },
        { text: t.common.inactive, value: false },
      ],
      onFilter: (value, record) => record.active === value,
    },
  ];
  if (canManage) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 120,
      render: (_, record) => (
        <Button
          type="link"
          icon={<EditOutlined aria-hidden />}
          onClick={() => onEdit(record)}
          aria-label={`${t.common.edit} ${record.name}`}
        >
          {t.common.edit}
        </Button>
      ),
    });
  }
  return (
    <Card>
      {list.isError ? (
        <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : null}
      <Table<WindowUnit>
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: t.common.total }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.empty} /> }}
      />
    </Card>
  );
}

interface Values {
  code: string;
  name: string;
  active: boolean;
}

function WindowUnitModal({
  open,
  record,
  onClose,
}: {
  open: boolean;
  record: WindowUnit | null;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const listKey = keys.windowUnits(scope.centerId);

  const save = useMutation({
    mutationFn: (v: Values) =>
      record
        ? api.windowUnits.update(scope.query, record.id, {
            name: v.name.trim(),
            active: v.active,
            version: record.version,
          })
        : api.windowUnits.create(scope.query, { code: v.code.trim(), name: v.name.trim() }),
    onSuccess: () => {
      void message.success(record ? t.common.updated : t.common.created);
      void queryClient.invalidateQueries({ queryKey: listKey });
      // Window rows show their unit's name.
      void queryClient.invalidateQueries({ queryKey: keys.windows(scope.centerId) });
      onClose();
    },
    onError: (e) =>
      handleError(e, {
        target: { form, fields: ['code', 'name', 'active'], codes: { DUPLICATE: 'code' } },
        refetch: [listKey],
      }),
  });

  return (
    <FormModal<Values>
      open={open}
      title={record ? L.editTitle : L.create}
      formName="windowUnitForm"
      form={form}
      initialValues={
        record ? { code: record.code, name: record.name, active: record.active } : { active: true }
      }
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
      {record ? (
        <Form.Item label={L.active} name="active" valuePropName="checked">
          <Switch checkedChildren={t.common.active} unCheckedChildren={t.common.inactive} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
