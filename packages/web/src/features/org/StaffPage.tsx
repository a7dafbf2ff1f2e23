import { useState } from 'react';
import { DatePicker, Form, Input, Select, Switch, Tag, type TableColumnsType } from 'antd';
import { api, keys, type Staff } from '../../api/endpoints.ts';
import { useStaffQuery, useWindowsQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CodeItem } from '../../components/FormItems.tsx';
import { FormModal, useModalState, type RecordModalProps } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { editColumn, ListTable } from '../../components/ListTable.tsx';
import { useSaveMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { formatDate, parseDate, todayInCenter, toIsoDate, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.staff;

export default function StaffPage() {
  const canManage = useCan('org.manage');
  const modal = useModalState<Staff>();
  return (
    <ListPage
      title={L.title}
      description={L.description}
      createLabel={L.create}
      canCreate={canManage}
      onCreate={modal.openCreate}
    >
      <StaffTable canManage={canManage} onEdit={modal.openEdit} />
      <StaffModal open={modal.open} record={modal.record} onClose={modal.close} />
    </ListPage>
  );
}

function StaffTable({ canManage, onEdit }: { canManage: boolean; onEdit: (s: Staff) => void }) {
  const [q, setQ] = useState('');
  const [includeLeft, setIncludeLeft] = useState(false);
  const list = useStaffQuery(q, includeLeft);
  const today = todayInCenter().format('YYYY-MM-DD');

  const columns: TableColumnsType<Staff> = [
    {
      title: L.staffNo,
      dataIndex: 'staffNo',
      width: 120,
      sorter: (a, b) => a.staffNo.localeCompare(b.staffNo, 'zh-CN', { numeric: true }),
      defaultSortOrder: 'ascend',
    },
    {
      title: L.name,
      dataIndex: 'name',
      render: (name: string, r) =>
        r.inPostTo !== null && r.inPostTo < today ? (
          <>
            {name} <Tag>{L.left}</Tag>
          </>
        ) : (
          name
        ),
    },
    { title: L.position, dataIndex: 'position' },
    { title: L.window, dataIndex: 'windowName', render: (v: string | null) => v ?? t.common.none },
    {
      title: L.supervisor,
      dataIndex: 'supervisorName',
      render: (v: string | null) => v ?? t.common.none,
    },
    {
      title: L.inPostFrom,
      dataIndex: 'inPostFrom',
      width: 120,
      render: formatDate,
      sorter: (a, b) => a.inPostFrom.localeCompare(b.inPostFrom),
    },
    { title: L.inPostTo, dataIndex: 'inPostTo', width: 120, render: formatDate },
  ];
  if (canManage) columns.push(editColumn(onEdit, (s) => s.name, 100));

  return (
    <ListTable
      query={list}
      rows={list.data ?? []}
      columns={columns}
      empty={q ? L.empty : L.emptyAll}
      toolbar={
        <div className="toolbar" role="search">
          <Input.Search
            id="staff-search"
            aria-label={L.search}
            placeholder={L.searchPlaceholder}
            allowClear
            enterButton={t.common.search}
            maxLength={50}
            style={{ width: 360 }}
            onSearch={(value) => setQ(value.trim())}
          />
          <span className="toolbar-switch">
            <Switch id="staff-include-left" checked={includeLeft} onChange={setIncludeLeft} />
            <label htmlFor="staff-include-left">{L.includeLeft}</label>
          </span>
        </div>
      }
    />
  );
}

interface Values {
  staffNo: string;
  name: string;
  position: string;
  windowId?: number | null;
  supervisorId?: number | null;
  inPostFrom: Dayjs;
  inPostTo?: Dayjs | null;
}

const FIELDS = [
  'staffNo',
  'name',
  'position',
  'windowId',
  'supervisorId',
  'inPostFrom',
  'inPostTo',
] as const;

function StaffModal({ open, record, onClose }: RecordModalProps<Staff>) {
  const scope = useCenterScope();
  const [form] = Form.useForm<Values>();
  const windows = useWindowsQuery(open);
  const staff = useStaffQuery('', false, open);

  const windowOptions = (windows.data ?? [])
    .filter((w) => w.active || w.id === record?.windowId)
    .map((w) => ({ value: w.id, label: `${w.number} ${w.name}（${w.windowUnitName}）` }));

  const supervisorOptions = (staff.data ?? [])
    .filter((s) => s.id !== record?.id)
    .map((s) => ({ value: s.id, label: `${s.name}（${s.position}）` }));
  if (
    record?.supervisorId != null &&
    !supervisorOptions.some((o) => o.value === record.supervisorId)
  ) {
    supervisorOptions.push({
      value: record.supervisorId,
      label: record.supervisorName ?? String(record.supervisorId),
    });
  }

  const save = useSaveMutation({
    record,
    mutationFn: (v: Values) => {
      const common = {
        name: v.name.trim(),
        position: v.position.trim(),
        windowId: v.windowId ?? null,
        supervisorId: v.supervisorId ?? null,
        inPostFrom: toIsoDate(v.inPostFrom) ?? '',
        inPostTo: toIsoDate(v.inPostTo),
      };
      return record
        ? api.staff.update(scope.query, record.id, { ...common, version: record.version })
        : api.staff.create(scope.query, { ...common, staffNo: v.staffNo.trim() });
    },
    listKey: keys.staffAll(scope.centerId),
    target: {
      form,
      fields: FIELDS,
      labels: { staffNo: L.staffNo, name: L.name, windowId: L.windowField },
    },
    onClose,
  });

  return (
    <FormModal<Values>
      open={open}
      title={record ? L.editTitle : L.create}
      formName="staffForm"
      form={form}
      width={620}
      initialValues={
        record
          ? {
              staffNo: record.staffNo,
              name: record.name,
              position: record.position,
              windowId: record.windowId,
              supervisorId: record.supervisorId,
              inPostFrom: parseDate(record.inPostFrom) ?? undefined,
              inPostTo: parseDate(record.inPostTo),
            }
          : { inPostFrom: todayInCenter() }
      }
      mutation={save}
      onClose={onClose}
    >
      <CodeItem label={L.staffNo} name="staffNo" help={L.staffNoHelp} locked={!!record} />
      <Form.Item label={L.name} name="name" rules={[required(L.name), maxLength(L.name, 50)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={L.position}
        name="position"
        rules={[required(L.position), maxLength(L.position, 50)]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={L.windowField} name="windowId">
        <Select<number>
          allowClear
          options={windowOptions}
          loading={windows.isPending}
          placeholder={L.noWindow}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item label={L.supervisor} name="supervisorId">
        <Select<number>
          allowClear
          options={supervisorOptions}
          loading={staff.isPending}
          placeholder={L.noSupervisor}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item label={L.inPostFrom} name="inPostFrom" rules={[required(L.inPostFrom, true)]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        label={L.inPostTo}
        name="inPostTo"
        extra={L.inPostToHelp}
        dependencies={['inPostFrom']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | null | undefined) => {
              const from = getFieldValue('inPostFrom') as Dayjs | undefined;
              return value && from && value.isBefore(from, 'day')
                ? Promise.reject(new Error(L.rangeError))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
