import type { TableColumnType, TableColumnsType, TableProps } from 'antd';
import { useNavigate } from 'react-router';
import type { CaseSummary } from '../../api/cases.ts';
import { ReceiptLink } from '../../components/ReceiptLink.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  CaseStatusTag,
  caseTitle,
  CountdownCell,
  DeadlineText,
  holderText,
  KindTags,
} from './CaseTags.tsx';
import { awaitingCountdown, liveLight, type WorkingClock } from './countdown.ts';

const S = t.caseShared;

export type CaseColumn =
  | 'receiptNo'
  | 'item'
  | 'applicant'
  | 'kind'
  | 'status'
  | 'statusKind'
  | 'countdown'
  | 'deadline'
  | 'holder'
  | 'receivedAt'
  | 'receivedTime';

/** The columns of a case list, in the order asked for; the countdown ticks with `now`. */
export function caseColumns(
  which: readonly CaseColumn[],
  now: number,
  clock: WorkingClock | null,
): TableColumnsType<CaseSummary> {
  const all: Record<CaseColumn, TableColumnType<CaseSummary>> = {
    receiptNo: {
      title: S.receiptNo,
      key: 'receiptNo',
      width: 160,
      render: (_, c) => <ReceiptLink caseId={c.id} receiptNo={c.receiptNo} />,
    },
    item: { title: S.item, key: 'item', ellipsis: true, render: (_, c) => caseTitle(c) },
    applicant: { title: S.applicant, dataIndex: 'applicantName', width: 88, ellipsis: true },
    kind: {
      title: S.kind,
      key: 'kind',
      width: 130,
      render: (_, c) => <KindTags kind={c.acceptedKind} urgent={c.urgent} joint={c.joint} />,
    },
    status: {
      title: S.status,
      dataIndex: 'status',
      width: 90,
      render: (_, c) => <CaseStatusTag status={c.status} />,
    },
    statusKind: {
      title: S.statusKind,
      key: 'statusKind',
      width: 150,
      render: (_, c) => (
        <span className="case-tags">
          <CaseStatusTag status={c.status} />
          <KindTags kind={c.acceptedKind} urgent={c.urgent} joint={c.joint} />
        </span>
      ),
    },
    countdown: {
      title: S.countdown,
      key: 'countdown',
      width: 220,
      render: (_, c) => <CountdownCell c={c} now={now} clock={clock} />,
    },
    deadline: {
      title: S.deadline,
      key: 'deadline',
      // The date and time on one line; a 暂定 mark goes under it.
      width: 150,
      render: (_, c) => <DeadlineText deadlineAt={c.deadlineAt} provisional={c.provisional} />,
    },
    holder: { title: S.holder, key: 'holder', width: 170, render: (_, c) => holderText(c) },
    receivedAt: {
      title: S.receivedAt,
      dataIndex: 'receivedAt',
      width: 150,
      className: 'nowrap-cell',
      render: (v: string) => formatDateTime(v),
    },
    receivedTime: {
      title: t.workbench.time,
      dataIndex: 'receivedAt',
      width: 80,
      render: (v: string) => formatDateTime(v).slice(11),
    },
  };
  return which.map((k) => all[k]);
}

/**
 * The rows of a case list: classed by their light now, so a red case stands out (the tag says it in
 * words too); a click on a row, not on its link or buttons, opens the case.
 */
export function useCaseRows(now: number): Pick<TableProps<CaseSummary>, 'rowClassName' | 'onRow'> {
  const navigate = useNavigate();
  return {
    rowClassName: (c) => {
      const light =
        liveLight(c, now) ?? (c.awaiting ? awaitingCountdown(c.awaiting, now)?.light : null);
      return light ? `case-row case-row-${light}` : 'case-row';
    },
    onRow: (c) => ({
      onClick: (e) => {
        if ((e.target as HTMLElement).closest('a, button')) return;
        void navigate(`/cases/${c.id}`);
      },
    }),
  };
}
