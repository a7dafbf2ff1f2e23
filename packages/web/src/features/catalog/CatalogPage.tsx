import { useState } from 'react';
import { Alert, Descriptions, Input, Tag, type TableColumnsType } from 'antd';
import { ACCEPTED_KIND_LABELS } from '@bianmin/contracts';
import { ACCEPTED_KINDS } from '@bianmin/domain';
import { useCaseSettingsQuery, useServiceItemsQuery, type ServiceItem } from '../../api/catalog.ts';
import { useWindowsQuery } from '../../api/queries.ts';
import { useCan } from '../../auth/session.ts';
import { useModalState } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { editColumn, ListTable } from '../../components/ListTable.tsx';
import { activeColumn } from '../../components/StatusTag.tsx';
import { t } from '../../locale/zh-CN.ts';
import { CenterContactCard } from '../admin/CenterContact.tsx';
import { CaseSettingsCard } from './CaseSettingsCard.tsx';
import { feesSummary, itemTermParts } from './items.ts';
import { ServiceItemModal } from './ServiceItemModal.tsx';
import './catalog.css';

const L = t.catalog;

/** Each kind's tag: coloured (with AA contrast, see catalog.css) and always named. */
const KIND_CLASS = 'catalog-kind';

export default function CatalogPage() {
  const canManage = useCan('catalog.manage');
  const modal = useModalState<ServiceItem>();
  return (
    <ListPage
      title={L.title}
      description={L.description}
      createLabel={L.create}
      canCreate={canManage}
      onCreate={modal.openCreate}
    >
      {canManage ? null : (
        <Alert type="info" showIcon className="block-gap" title={L.readOnlyHint} />
      )}
      <CenterContactCard />
      <CaseSettingsCard canManage={canManage} />
      <ItemsTable canManage={canManage} onEdit={modal.openEdit} />
      <ServiceItemModal open={modal.open} record={modal.record} onClose={modal.close} />
    </ListPage>
  );
}

function ItemsTable({
  canManage,
  onEdit,
}: {
  canManage: boolean;
  onEdit: (item: ServiceItem) => void;
}) {
  const [q, setQ] = useState('');
  const list = useServiceItemsQuery({ includeInactive: true });
  const settings = useCaseSettingsQuery();
  const windows = useWindowsQuery();
  const petitionDays = settings.data?.petitionDays ?? null;
  const windowName = (id: number) => {
    const w = windows.data?.find((x) => x.id === id);
    return w ? `${w.number} ${w.name}` : String(id);
  };

  const needle = q.trim().toLowerCase();
  const rows = (list.data ?? []).filter(
    (i) =>
      !needle ||
      i.code.toLowerCase().includes(needle) ||
      [i.name, ...i.aliases].some((n) => n.includes(q.trim())),
  );
  const units = Array.from(new Set((list.data ?? []).map((i) => i.windowUnitName)));

  const columns: TableColumnsType<ServiceItem> = [
    {
      title: L.code,
      dataIndex: 'code',
      width: 90,
      sorter: (a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }),
      defaultSortOrder: 'ascend',
    },
    {
      title: L.name,
      dataIndex: 'name',
      minWidth: 160,
      render: (name: string, r) => (
        <>
          {name}
          {r.aliases.length > 0 ? (
            <div className="catalog-aliases">{L.aliasesOf(r.aliases)}</div>
          ) : null}
          {r.appointment || r.homeVisit ? (
            <div className="catalog-flags">
              {r.appointment ? <Tag>{L.appointmentYes}</Tag> : null}
              {r.homeVisit ? <Tag>{L.homeVisitYes}</Tag> : null}
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: L.windowUnit,
      dataIndex: 'windowUnitName',
      width: 100,
      filters: units.map((u) => ({ text: u, value: u })),
      onFilter: (value, r) => r.windowUnitName === value,
    },
    {
      title: L.kindCol,
      dataIndex: 'defaultKind',
      width: 100,
      render: (k: ServiceItem['defaultKind']) => (
        <Tag className={`${KIND_CLASS} ${KIND_CLASS}-${k}`}>{ACCEPTED_KIND_LABELS[k]}</Tag>
      ),
      filters: ACCEPTED_KINDS.map((k) => ({ text: ACCEPTED_KIND_LABELS[k], value: k })),
      onFilter: (value, r) => r.defaultKind === value,
    },
    {
      title: L.term,
      key: 'term',
      width: 140,
      render: (_, r) =>
        itemTermParts(r, petitionDays).map((part) => (
          <div key={part} className="catalog-term">
            {part}
          </div>
        )),
    },
    {
      title: L.materialsCol,
      key: 'materials',
      width: 64,
      render: (_, r) =>
        r.materials.length ? L.materialsCount(r.materials.length) : L.materialsNone,
    },
    { title: L.feesCol, key: 'fees', width: 120, render: (_, r) => feesSummary(r.fees) },
    {
      title: L.announceCol,
      dataIndex: 'announce',
      width: 70,
      render: (v: boolean) => (v ? L.announceYes : t.common.none),
    },
    { ...activeColumn<ServiceItem>(), width: 80 },
  ];
  if (canManage) columns.push(editColumn(onEdit, (i) => `${i.code} ${i.name}`, 80));

  return (
    <ListTable<ServiceItem>
      query={list}
      rows={rows}
      columns={columns}
      empty={needle ? L.emptySearch : L.empty}
      size="middle"
      scroll={{ x: 1040 }}
      title={() => <h2 className="card-title">{L.listTitle}</h2>}
      toolbar={
        <div className="toolbar" role="search">
          <Input.Search
            id="catalog-search"
            aria-label={L.search}
            placeholder={L.searchPlaceholder}
            allowClear
            maxLength={50}
            style={{ width: 320 }}
            onSearch={setQ}
            onChange={(e) => {
              if (e.target.value === '') setQ('');
            }}
          />
        </div>
      }
      expandable={{
        expandedRowRender: (item) => <ItemDetail item={item} windowName={windowName} />,
        expandRowByClick: false,
      }}
    />
  );
}

/** What a row opens to: the whole checklist, every fee with its basis, the joint windows. */
function ItemDetail({
  item,
  windowName,
}: {
  item: ServiceItem;
  windowName: (id: number) => string;
}) {
  return (
    <Descriptions column={1} size="small" styles={{ label: { width: 120 } }}>
      <Descriptions.Item label={L.aliases}>
        {item.aliases.length === 0 ? L.aliasesNone : item.aliases.join(t.common.listSeparator)}
      </Descriptions.Item>
      <Descriptions.Item label={L.materials}>
        {item.materials.length === 0 ? (
          L.materialsNone
        ) : (
          <ol className="catalog-detail">
            {item.materials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={L.fees}>
        {item.fees.length === 0 ? (
          L.feesNone
        ) : (
          <ol className="catalog-detail">
            {item.fees.map((f) => (
              <li key={f.name}>
                {L.feeItem(f.name, f.amount)}
                <span className="catalog-basis">{L.basisOf(f.basis)}</span>
              </li>
            ))}
          </ol>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={L.jointWindows}>
        {item.jointWindowIds.length === 0
          ? L.jointNone
          : item.jointWindowIds.map(windowName).join(t.common.listSeparator)}
      </Descriptions.Item>
      <Descriptions.Item label={L.announce}>
        {item.announce ? L.announceField : L.announceNo}
      </Descriptions.Item>
      <Descriptions.Item label={L.appointment}>
        {item.appointment ? L.appointmentYes : L.appointmentNo}
      </Descriptions.Item>
      <Descriptions.Item label={L.homeVisit}>
        {item.homeVisit ? L.homeVisitYes : L.homeVisitNo}
      </Descriptions.Item>
    </Descriptions>
  );
}
