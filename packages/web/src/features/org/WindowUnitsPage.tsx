import { Form, Input, type TableColumnsType } from 'antd';
import { api, keys, type WindowUnit } from '../../api/endpoints.ts';
import { useWindowUnitsQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CodeItem } from '../../components/FormItems.tsx';
import { FormModal, useModalState, type RecordModalProps } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { editColumn, ListTable } from '../../components/ListTable.tsx';
import { ActiveSwitch, activeColumn } from '../../components/StatusTag.tsx';
import { useSaveMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.windowUnits;

export default function WindowUnitsPage() {
  const canManage = useCan('org.manage');
  const modal = useModalState<WindowUnit>();
  return (
    <ListPage
      title={L.title}
      description={L.description}
      createLabel={L.create}
      canCreate={canManage}
      onCreate={modal.openCreate}
    >
      <WindowUnitsTable canManage={canManage} onEdit={modal.openEdit} />
      <WindowUnitModal open={modal.open} record={modal.record} onClose={modal.close} />
    </ListPage>
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
    activeColumn(),
  ];
  if (canManage) columns.push(editColumn(onEdit, (u) => u.name));
  return <ListTable query={list} rows={list.data ?? []} columns={columns} empty={L.empty} />;
}

interface Values {
  code: string;
  name: string;
  active: boolean;
}

function WindowUnitModal({ open, record, onClose }: RecordModalProps<WindowUnit>) {
  const scope = useCenterScope();
  const [form] = Form.useForm<Values>();

  const save = useSaveMutation({
    record,
    mutationFn: (v: Values) =>
      record
        ? api.windowUnits.update(scope.query, record.id, {
            name: v.name.trim(),
            active: v.active,
            version: record.version,
          })
        : api.windowUnits.create(scope.query, { code: v.code.trim(), name: v.name.trim() }),
    listKey: keys.windowUnits(scope.centerId),
    // Window rows show their unit's name.
    alsoStale: [keys.windows(scope.centerId)],
    target: { form, fields: ['code', 'name', 'active'] },
    onClose,
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
      mutation={save}
      onClose={onClose}
    >
      <CodeItem label={L.code} name="code" help={L.codeHelp} locked={!!record} />
      <Form.Item label={L.name} name="name" rules={[required(L.name), maxLength(L.name, 100)]}>
        <Input autoComplete="off" />
      </Form.Item>
      {record ? (
        <Form.Item label={L.active} name="active" valuePropName="checked">
          <ActiveSwitch />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
