import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Select,
  Switch,
  Table,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, keys, type ServiceWindow } from '../../api/endpoints.ts';
import { useWindowsQuery, useWindowUnitsQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterRequired } from '../../components/CenterRequired.tsx';
import { FormModal, useModalState } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { ActiveTag } from '../../components/StatusTag.tsx';
import { useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.windows;

/** Window numbers sort as people read them: 2 before 10. */
const byNumber = (a: ServiceWindow, b: ServiceWindow) =>
  a.number.localeCompare(b.number, 'zh-CN', { numeric: true });

export default function WindowsPage() {
  const scope = useCenterScope();
  const canManage = useCan('org.manage');
  const modal = useModalState<ServiceWindow>();
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
        <WindowsTable canManage={canManage} onEdit={modal.openEdit} />
        <WindowModal open={modal.open} record={modal.record} onClose={modal.close} />
      </CenterRequired>
    </>
  );
}

function WindowsTable({
  canManage,
  onEdit,
}: {
  canManage: boolean;
  onEdit: (w: ServiceWindow) => void;
}) {
  const list = useWindowsQuery();
  const units = Array.from(new Set((list.data ?? []).map((w) => w.windowUnitName)));
  const columns: TableColumnsType<ServiceWindow> = [
    {
      title: L.number,
      dataIndex: 'number',
      width: 120,
      sorter: byNumber,
      defaultSortOrder: 'ascend',
    },
    { title: L.name, dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: L.windowUnit,
      dataIndex: 'windowUnitName',
      filters: units.map((u) => ({ text: u, value: u })),
      onFilter: (value, record) => record.windowUnitName === value,
    },
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
          aria-label={`${t.common.edit} ${record.number} ${record.name}`}
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
      <Table<ServiceWindow>
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
  number: string;
  name: string;
  windowUnitId: number;
  active: boolean;
}

function WindowModal({
  open,
  record,
  onClose,
}: {
  open: boolean;
  record: ServiceWindow | null;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<Values>();
  const units = useWindowUnitsQuery(open);
  const listKey = keys.windows(scope.centerId);

  // Only active units can take a new window; the current unit stays visible when editing.
  const unitOptions = (units.data ?? [])
    .filter((u) => u.active || u.id === record?.windowUnitId)
    .map((u) => ({
      value: u.id,
      label: u.active ? u.name : `${u.name}${L.inactiveUnit}`,
      disabled: !u.active,
    }));

  const save = useMutation({
    mutationFn: (v: Values) =>
      record
        ? api.windows.update(scope.query, record.id, {
            number: v.number.trim(),
            name: v.name.trim(),
            windowUnitId: v.windowUnitId,
            active: v.active,
            version: record.version,
          })
        : api.windows.create(scope.query, {
            number: v.number.trim(),
            name: v.name.trim(),
            windowUnitId: v.windowUnitId,
          }),
    onSuccess: () => {
      void message.success(record ? t.common.updated : t.common.created);
      void queryClient.invalidateQueries({ queryKey: listKey });
      // Staff rows show their window's name.
      void queryClient.invalidateQueries({ queryKey: keys.staffAll(scope.centerId) });
      onClose();
    },
    onError: (e) =>
      handleError(e, {
        target: {
          form,
          fields: ['number', 'name', 'windowUnitId', 'active'],
          codes: { DUPLICATE: 'number', WINDOW_UNIT_INACTIVE: 'windowUnitId' },
        },
        refetch: [listKey],
      }),
  });

  return (
    <FormModal<Values>
      open={open}
      title={record ? L.editTitle : L.create}
      formName="windowForm"
      form={form}
      initialValues={
        record
          ? {
              number: record.number,
              name: record.name,
              windowUnitId: record.windowUnitId,
              active: record.active,
            }
          : { active: true }
      }
      submitting={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
    >
      <Form.Item
        label={L.number}
        name="number"
        rules={[required(L.number), maxLength(L.number, 16)]}
      >
        <Input autoComplete="off" placeholder={L.numberPlaceholder} />
      </Form.Item>
      <Form.Item label={L.name} name="name" rules={[required(L.name), maxLength(L.name, 100)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={L.windowUnit}
        name="windowUnitId"
        rules={[required(L.windowUnit, true)]}
        extra={units.isSuccess && unitOptions.length === 0 ? L.needUnits : undefined}
      >
        <Select<number>
          options={unitOptions}
          loading={units.isPending}
          placeholder={t.common.pleaseSelect(L.windowUnit)}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      {record ? (
        <Form.Item label={L.active} name="active" valuePropName="checked">
          <Switch checkedChildren={t.common.active} unCheckedChildren={t.common.inactive} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
