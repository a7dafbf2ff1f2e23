import { Form, Input, type TableColumnsType } from 'antd';
import { api, keys, type Center } from '../../api/endpoints.ts';
import { useCentersQuery } from '../../center/CenterScopeProvider.tsx';
import { useCenterScope } from '../../center/scope.ts';
import { CodeItem } from '../../components/FormItems.tsx';
import { FormModal, useModalState, type RecordModalProps } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { editColumn, ListTable } from '../../components/ListTable.tsx';
import { useSaveMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { CenterContactItems, contactOf, type ContactValues } from './CenterContact.tsx';

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
    {
      title: L.contactCol,
      key: 'contact',
      render: (_, c) =>
        c.address || c.phone ? (
          <>
            <div>{c.address || L.notEntered}</div>
            <div>{c.phone || L.notEntered}</div>
          </>
        ) : (
          L.notEntered
        ),
    },
    { title: L.createdAt, dataIndex: 'createdAt', width: 170, render: formatDateTime },
    editColumn(modal.openEdit, (c) => c.name),
  ];

  return (
    <ListPage
      title={L.title}
      description={L.description}
      createLabel={L.create}
      canCreate
      onCreate={modal.openCreate}
      centerScoped={false}
    >
      <ListTable query={list} rows={list.data ?? []} columns={columns} empty={L.empty} />
      <CenterModal open={modal.open} record={modal.record} onClose={modal.close} />
    </ListPage>
  );
}

interface Values extends ContactValues {
  code: string;
  name: string;
  region: string;
}

function CenterModal({ open, record, onClose }: RecordModalProps<Center>) {
  const [form] = Form.useForm<Values>();

  const save = useSaveMutation({
    record,
    mutationFn: (v: Values) =>
      record
        ? api.centers.update(record.id, {
            name: v.name.trim(),
            region: v.region.trim(),
            ...contactOf(v),
            version: record.version,
          })
        : api.centers.create({
            code: v.code.trim(),
            name: v.name.trim(),
            region: v.region.trim(),
            ...contactOf(v),
          }),
    listKey: keys.centers,
    target: { form, fields: ['code', 'name', 'region', 'address', 'phone'] },
    onClose,
  });

  return (
    <FormModal<Values>
      open={open}
      title={record ? L.editTitle : L.create}
      formName="centerForm"
      form={form}
      initialValues={
        record
          ? {
              code: record.code,
              name: record.name,
              region: record.region,
              address: record.address,
              phone: record.phone,
            }
          : {}
      }
      mutation={save}
      onClose={onClose}
    >
      <CodeItem label={L.code} name="code" help={L.codeHelp} locked={!!record} />
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
      <CenterContactItems />
    </FormModal>
  );
}
