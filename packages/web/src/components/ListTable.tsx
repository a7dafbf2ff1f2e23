import type { ReactNode } from 'react';
import {
  Button,
  Card,
  Empty,
  Segmented,
  Table,
  type TableColumnType,
  type TableColumnsType,
  type TablePaginationConfig,
  type TableProps,
} from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { t } from '../locale/zh-CN.ts';
import { QueryErrorAlert } from './QueryErrorAlert.tsx';

/**
 * A list in a card: what the query holds, a retry when it failed, twenty rows a page and a short
 * text when there are none. `toolbar` stands above the table; other Table props pass through.
 */
export function ListTable<T extends { id: number }>({
  query,
  rows,
  columns,
  empty,
  toolbar,
  ...table
}: {
  query: Pick<UseQueryResult, 'isError' | 'error' | 'isFetching' | 'refetch'>;
  rows: readonly T[];
  columns: TableColumnsType<T>;
  empty: ReactNode;
  toolbar?: ReactNode;
} & Omit<TableProps<T>, 'rowKey' | 'columns' | 'dataSource' | 'loading' | 'locale'>) {
  return (
    <Card>
      {toolbar}
      {query.isError ? (
        <QueryErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      <Table<T>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={query.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: t.common.total }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        {...table}
      />
    </Card>
  );
}

/** A link button in a row's actions, named for screen readers with the row it acts on. */
export function RowAction({
  icon,
  label,
  name,
  onClick,
}: {
  icon: ReactNode;
  label: string;
  /** What the row is called, e.g. `admin` makes the button "编辑 admin". */
  name: string;
  onClick: () => void;
}) {
  return (
    <Button type="link" icon={icon} onClick={onClick} aria-label={`${label} ${name}`}>
      {label}
    </Button>
  );
}

export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <RowAction
      icon={<EditOutlined aria-hidden />}
      label={t.common.edit}
      name={name}
      onClick={onClick}
    />
  );
}

/** The "操作" column with a row's "编辑" button; `name` names the row for the button. */
export function editColumn<T>(
  onEdit: (record: T) => void,
  name: (record: T) => string,
  width = 120,
): TableColumnType<T> {
  return {
    title: t.common.actions,
    key: 'actions',
    width,
    render: (_, record) => <EditButton name={name(record)} onClick={() => onEdit(record)} />,
  };
}

/** The pagination of a list the server pages: the page asked for and the server's total. */
export const serverPaging = (
  page: number,
  pageSize: number,
  total: number | undefined,
  onChange: (page: number) => void,
): TablePaginationConfig => ({
  current: page,
  pageSize,
  total: total ?? 0,
  hideOnSinglePage: true,
  showTotal: t.common.total,
  onChange,
});

/** A list's filter by one value, 全部 first; choosing goes back to the first page (`onChange`). */
export function ValueFilter<V extends string>({
  label,
  allLabel,
  value,
  values,
  names,
  onChange,
}: {
  label: string;
  allLabel: string;
  value: V | 'all';
  values: readonly V[];
  names: Readonly<Record<string, string>>;
  onChange: (value: V | 'all') => void;
}) {
  return (
    <Segmented<V | 'all'>
      aria-label={label}
      value={value}
      onChange={onChange}
      options={[
        { value: 'all', label: allLabel },
        ...values.map((v) => ({ value: v, label: names[v] ?? v })),
      ]}
    />
  );
}
