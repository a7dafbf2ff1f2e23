import { useState } from 'react';
import { Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useFindingsQuery, type Finding } from '../../api/assessment.ts';
import { useStaffQuery } from '../../api/queries.ts';
import { windowApi, type FindingFilters } from '../../api/window.ts';
import { useCenterScope } from '../../center/scope.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { formatDate, todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { FindingTags } from './shared.tsx';

const L = t.findingsList;
const S = t.assessmentShared;
const PAGE_SIZE = 20;
/** The first year the regulation was in force (2023-01-01). */
const FIRST_YEAR = 2023;

/**
 * Every finding the user may see — from inspections, confirmed overdue cases and substantiated
 * reports — newest first, filtered by year and person; 导出 Excel writes the same list, every page.
 */
export function FindingsList() {
  const scope = useCenterScope();
  const thisYear = todayInCenter().year();
  const [filters, setFilters] = useState<FindingFilters>({});
  const [page, setPage] = useState(1);
  const list = useFindingsQuery({ ...filters, page, pageSize: PAGE_SIZE });
  const staff = useStaffQuery('', true);
  const set = (f: FindingFilters) => {
    setFilters(f);
    setPage(1);
  };

  const columns: TableColumnsType<Finding> = [
    {
      title: L.date,
      dataIndex: 'date',
      width: 108,
      className: 'nowrap-cell',
      render: formatDate,
    },
    { title: L.staff, dataIndex: 'staffName', width: 84 },
    {
      title: L.source,
      key: 'source',
      width: 150,
      render: (_, f) => <FindingTags f={f} showRevoked={false} />,
    },
    { title: L.item, dataIndex: 'item', width: 150, render: (i: number) => S.itemNo(i) },
    {
      title: L.description2,
      key: 'description',
      minWidth: 220,
      render: (_, f) => (
        <>
          <span className={f.revoked ? 'finding-revoked-text' : undefined}>{f.description}</span>
          <div className="muted">
            {S.findingNo(f.id)} · {S.sources[f.source] ?? f.source}
          </div>
        </>
      ),
    },
    {
      title: L.status,
      key: 'status',
      width: 84,
      render: (_, f) =>
        f.revoked ? (
          <Tag className="finding-revoked">{f.voided ? S.voided : S.revoked}</Tag>
        ) : (
          <Tag>{S.inEffect}</Tag>
        ),
    },
  ];

  const years = Array.from(
    { length: Math.max(1, thisYear - FIRST_YEAR + 1) },
    (_, i) => thisYear - i,
  );

  return (
    <section className="findings-list block-gap" aria-labelledby="findings-list-title">
      <div className="section-toolbar findings-list-head">
        <h2 id="findings-list-title" className="card-title">
          {L.title}
        </h2>
        <Select<number | ''>
          aria-label={L.year}
          value={filters.year ?? ''}
          style={{ width: 130 }}
          options={[
            { value: '', label: L.yearAll },
            ...years.map((y) => ({ value: y, label: L.yearOf(y) })),
          ]}
          onChange={(v) => set({ ...filters, year: v || undefined })}
        />
        <Select<number | ''>
          aria-label={L.staff}
          value={filters.staffId ?? ''}
          style={{ width: 160 }}
          showSearch={{ optionFilterProp: 'label' }}
          loading={staff.isPending}
          options={[
            { value: '', label: L.staffAll },
            ...(staff.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.staffNo}）` })),
          ]}
          onChange={(v) => set({ ...filters, staffId: v || undefined })}
        />
        <ExportButton
          fetchFile={() => windowApi.exportFindings(scope.query, filters)}
          fallbackName={L.fileName}
        />
      </div>
      <Typography.Paragraph type="secondary">{L.description}</Typography.Paragraph>
      <ListTable<Finding>
        query={list}
        rows={list.data?.items ?? []}
        columns={columns}
        empty={L.empty}
        size="middle"
        scroll={{ x: 880 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          showTotal: t.common.total,
          onChange: setPage,
        }}
      />
    </section>
  );
}
