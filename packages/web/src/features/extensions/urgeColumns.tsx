import type { TableColumnsType } from 'antd';
import type { Board } from '@bianmin/contracts';
import { useCan } from '../../auth/session.ts';
import { t } from '../../locale/zh-CN.ts';
import { UrgeButton, UrgeCount } from './UrgeButton.tsx';

type Row = Board['overdue'][number];

/**
 * The board's columns of 催办 for a list of yellow or red cases: how often each was urged, and the
 * 催办 button for those who may urge.
 */
export function useUrgeColumns(board: Board | undefined): TableColumnsType<Row> {
  const may = useCan('cases.urge');
  const counts = new Map((board?.urged ?? []).map((u) => [u.caseId, u.count]));
  const columns: TableColumnsType<Row> = [
    {
      title: t.urge.count,
      key: 'urged',
      width: 80,
      align: 'right',
      sorter: (a, b) => (counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0),
      render: (_, r) => <UrgeCount count={counts.get(r.id) ?? 0} />,
    },
  ];
  if (may)
    columns.push({
      title: t.extensions.colAction,
      key: 'urge',
      width: 90,
      render: (_, r) => <UrgeButton caseId={r.id} receiptNo={r.receiptNo} size="small" />,
    });
  return columns;
}
