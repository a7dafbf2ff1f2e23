import { Input, Select, Switch } from 'antd';
import { useSearchParams } from 'react-router';
import { CASE_STATUS_LABELS } from '@bianmin/contracts';
import { CASE_STATUSES, type CaseStatus } from '@bianmin/domain';
import {
  useCaseListQuery,
  type CaseListQuery,
  type CaseSummary,
  type Light,
} from '../../api/cases.ts';
import { useWindowsQuery } from '../../api/queries.ts';
import { windowApi } from '../../api/window.ts';
import { useCenterScope } from '../../center/scope.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { t } from '../../locale/zh-CN.ts';
import { caseColumns, useCaseRows } from './caseColumns.tsx';
import {
  readStatsFilters,
  STATS_FILTER_KEYS,
  StatsFiltersNote,
} from '../stats/CaseListFilters.tsx';
import { searchText } from './format.ts';
import { useNow, useWorkingClock } from './useWorkingClock.ts';
import './cases.css';

const L = t.cases;
const PAGE_SIZE = 20;
const LIGHTS: readonly Light[] = ['green', 'yellow', 'red', 'paused'];
type StatusFilter = NonNullable<CaseListQuery['status']>;

function parseStatus(v: string | null): StatusFilter | undefined {
  if (v === 'open' || v === 'closed') return v;
  return CASE_STATUSES.includes(v as CaseStatus) ? (v as CaseStatus) : undefined;
}
const parseLight = (v: string | null) => (LIGHTS.includes(v as Light) ? (v as Light) : undefined);
function parsePositive(v: string | null): number | undefined {
  const n = Number(v);
  return v !== null && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export default function CasesPage() {
  const [params, setParams] = useSearchParams();
  const now = useNow();
  const caseRows = useCaseRows(now);
  const clock = useWorkingClock();
  const windows = useWindowsQuery();

  const rawStatus = params.get('status');
  const filter = {
    status: rawStatus === 'all' ? undefined : (parseStatus(rawStatus) ?? 'open'),
    light: parseLight(params.get('light')),
    windowId: parsePositive(params.get('windowId')),
    q: params.get('q') ?? '',
    mine: params.get('mine') === 'true',
    page: parsePositive(params.get('page')) ?? 1,
  };
  // The filters a figure of 办件统计 opens the list with (month closed, item, holder, on time …).
  const figures = readStatsFilters(params);
  // One query for the list and for 导出 Excel: the file has exactly what the list shows.
  const listQuery = {
    status: filter.status,
    light: filter.light,
    windowId: filter.windowId,
    q: filter.q || undefined,
    mine: filter.mine,
    ...figures,
    page: filter.page,
    pageSize: PAGE_SIZE,
  };
  const list = useCaseListQuery(listQuery);
  const scope = useCenterScope();

  /** Change one filter (back to page 1) or the page; kept in the address so "back" returns here. */
  const set = (changes: Record<string, string | number | boolean | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '' || v === false) next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const statusOptions = [
    { value: 'open', label: L.statusOpen },
    { value: 'closed', label: L.statusClosed },
    { value: 'all', label: L.statusAll },
    ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] })),
  ];

  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        <ExportButton
          fetchFile={() => windowApi.exportCases({ ...listQuery, ...scope.query })}
          fallbackName={`${L.title}.xlsx`}
        />
      }
    >
      <StatsFiltersNote
        filters={figures}
        names={{
          item: list.data?.items[0]?.itemName ?? undefined,
          holder: list.data?.items[0]?.holderName ?? undefined,
        }}
        onClear={() => set(Object.fromEntries(STATS_FILTER_KEYS.map((k) => [k, undefined])))}
      />
      <ListTable<CaseSummary>
        query={list}
        rows={list.data?.items ?? []}
        columns={caseColumns(
          ['receiptNo', 'item', 'applicant', 'statusKind', 'countdown', 'holder', 'deadline'],
          now,
          clock,
          // Narrower than on the workbench: the list has the holder too, and fits 1366 px.
        ).map((c) => (c.key === 'countdown' ? { ...c, width: 180 } : c))}
        empty={L.empty}
        {...caseRows}
        // Fits 1366 px with the menu open (the item's name gives way first).
        scroll={{ x: 1040 }}
        pagination={{
          current: filter.page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: t.common.total,
          onChange: (page) => set({ page: page > 1 ? page : undefined }),
        }}
        toolbar={
          <div className="toolbar" role="search" aria-label={L.filters}>
            <Select<string>
              aria-label={L.status}
              value={filter.status ?? 'all'}
              options={statusOptions}
              style={{ width: 200 }}
              onChange={(v) => set({ status: v === 'open' ? undefined : v })}
            />
            <Select<string>
              aria-label={L.light}
              value={filter.light ?? ''}
              options={[
                { value: '', label: `${L.light}：${L.lightAll}` },
                ...LIGHTS.map((l) => ({ value: l, label: t.caseShared.lights[l] })),
              ]}
              style={{ width: 150 }}
              onChange={(v) => set({ light: v || undefined })}
            />
            <Select<number | ''>
              aria-label={L.window}
              value={filter.windowId ?? ''}
              options={[
                { value: '', label: L.windowAll },
                ...(windows.data ?? []).map((w) => ({
                  value: w.id,
                  label: `${w.number} ${w.name}`,
                })),
              ]}
              style={{ width: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(v) => set({ windowId: v || undefined })}
            />
            <Input.Search
              id="cases-search"
              aria-label={L.q}
              placeholder={L.qPlaceholder}
              defaultValue={filter.q}
              allowClear
              enterButton={t.common.search}
              maxLength={50}
              style={{ width: 320 }}
              onSearch={(v) => set({ q: searchText(v) })}
            />
            <span className="toolbar-switch">
              <Switch
                id="cases-mine"
                checked={filter.mine}
                onChange={(v) => set({ mine: v || undefined })}
              />
              <label htmlFor="cases-mine">{L.mine}</label>
            </span>
          </div>
        }
      />
    </CenterPage>
  );
}
