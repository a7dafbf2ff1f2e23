import { Form, Input, type TableColumnsType } from 'antd';
import { api, keys, type ServiceWindow } from '../../api/endpoints.ts';
import { useWindowsQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { WindowUnitItem } from '../../components/FormItems.tsx';
import { FormModal, useModalState, type RecordModalProps } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { editColumn, ListTable } from '../../components/ListTable.tsx';
import { ActiveSwitch, activeColumn } from '../../components/StatusTag.tsx';
import { useSaveMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.windows;

/** Window numbers sort as people read them: 2 before 10. */
const byNumber = (a: ServiceWindow, b: ServiceWindow) =>
  a.number.localeCompare(b.number, 'zh-CN', { numeric: true });

export default function WindowsPage() {
  const canManage = useCan('org.manage');
  const modal = useModalState<ServiceWindow>();
  return (
    <ListPage
      title={L.title}
      description={L.description}
      createLabel={L.create}
      canCreate={canManage}
      onCreate={modal.openCreate}
    >
      <WindowsTable canManage={canManage} onEdit={modal.openEdit} />
      <WindowModal open={modal.open} record={modal.record} onClose={modal.close} />
    </ListPage>
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
    activeColumn(),
  ];
  if (canManage) columns.push(editColumn(onEdit, (w) => `${w.number} ${w.name}`));
  return <ListTable query={list} rows={list.data ?? []} columns={columns} empty={L.empty} />;
}

interface Values {
  number: string;
  name: string;
  windowUnitId: number;
  active: boolean;
}

function WindowModal({ open, record, onClose }: RecordModalProps<ServiceWindow>) {
  const scope = useCenterScope();
  const [form] = Form.useForm<Values>();

  const save = useSaveMutation({
    record,
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
    listKey: keys.windows(scope.centerId),
    // Staff rows show their window's name.
    alsoStale: [keys.staffAll(scope.centerId)],
    target: { form, fields: ['number', 'name', 'windowUnitId', 'active'] },
    onClose,
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
      mutation={save}
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
      <WindowUnitItem text={L} current={record?.windowUnitId} />
      {record ? (
        <Form.Item label={L.active} name="active" valuePropName="checked">
          <ActiveSwitch />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
