import { useState } from 'react';
import { Alert, App, Button, Select, Space, Table, type TableColumnsType } from 'antd';
import { AuditOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  assessmentApi,
  assessmentKeys,
  useSettlementSheetQuery,
  type HalfYear,
  type PersonSettlement,
  type SettlementSheet,
} from '../../api/assessment.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { useApiErrorHandler, useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { saveFile } from '../../lib/download.ts';
import { DATE_FORMAT, formatDateTime, todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  halfYearKey,
  halfYearLabel,
  halfYearOptions,
  latestEndedHalfYear,
  money,
  parseHalfYearKey,
} from './format.ts';
import { SettlementDetail, SettlementStatusTag } from './shared.tsx';
import './assessment.css';

const L = t.settlements;
const S = t.assessmentShared;

type Row = PersonSettlement & { id: number };

/**
 * The money columns, as on the Excel sheet: 应发 = 考核标准 − 扣除 + 退还 (a give-back of an
 * over-deduction; a shortfall found by a correction is part of 扣除); 结转 and 核销 are what the pool
 * could not absorb, shown for information.
 */
const MONEY_COLUMNS = [
  ['pool', (p: PersonSettlement) => p.poolFen],
  ['applied', (p: PersonSettlement) => p.appliedFen],
  ['refund', (p: PersonSettlement) => Math.max(0, p.adjustmentFen)],
  ['carriedOut', (p: PersonSettlement) => p.carriedOutFen],
  ['writtenOff', (p: PersonSettlement) => p.writtenOffFen],
] as const;

/**
 * A money cell: '900.00 元' (zeros dimmed, so the eye finds the deductions), or a dash where the
 * person's money cannot be computed.
 */
function cell(p: PersonSettlement, fen: number) {
  if (p.status === 'refused') return t.common.none;
  const text = money(fen);
  return fen === 0 ? <span className="money-zero">{text}</span> : text;
}

export default function SettlementsPage() {
  const canApprove = useCan('settlements.approve');
  const scope = useCenterScope();
  const { modal, message } = App.useApp();
  const handleError = useApiErrorHandler();
  const today = todayInCenter().format(DATE_FORMAT);
  const [key, setKey] = useState(() => halfYearKey(latestEndedHalfYear(today)));
  const h: HalfYear = parseHalfYearKey(key) ?? latestEndedHalfYear(today);
  const label = halfYearLabel(h);
  const sheet = useSettlementSheetQuery(h);
  const data = sheet.data ?? null;

  const exporting = useMutation({
    mutationFn: () => assessmentApi.settlements.exportFile(scope.query, h),
    onSuccess: ({ blob, fileName }) => {
      const name = fileName ?? L.fileName(label);
      saveFile(blob, name);
      void message.success(L.exported(name));
    },
    onError: (e) => handleError(e),
  });

  const approve = useFeedbackMutation({
    mutationFn: () => assessmentApi.settlements.approve(scope.query, h),
    success: L.approved(label),
    invalidate: [assessmentKeys.all],
    errors: { refetch: [assessmentKeys.sheet(scope.centerId, h)] },
  });

  const confirmApprove = (s: SettlementSheet) => {
    const ready = s.people.filter((p) => p.status === 'draft');
    const heldBack = s.people.filter((p) => p.status === 'refused');
    const payable = ready.reduce((n, p) => n + p.payableFen, 0);
    void modal.confirm({
      title: L.approveTitle(label),
      content: (
        <>
          <p>{L.approveBody(label, ready.length, money(payable))}</p>
          {heldBack.length > 0 ? (
            <p>{L.approveHeldBack(heldBack.map((p) => p.staffName).join('、'))}</p>
          ) : null}
        </>
      ),
      okText: L.approveOk,
      cancelText: t.common.cancel,
      width: 520,
      onOk: () => approve.mutateAsync().catch(() => undefined),
    });
  };

  const columns: TableColumnsType<Row> = [
    { title: L.staffNo, dataIndex: 'staffNo', width: 80 },
    { title: L.name, dataIndex: 'staffName', width: 80 },
    {
      title: L.window,
      dataIndex: 'windowName',
      minWidth: 120,
      render: (v: string | null) => v ?? t.common.none,
    },
    ...MONEY_COLUMNS.map(([title, fenOf]) => ({
      title: L[title],
      key: title,
      width: 108,
      align: 'right' as const,
      className: 'money-cell',
      render: (_: unknown, p: Row) => cell(p, fenOf(p)),
    })),
    {
      title: L.payable,
      key: 'payableFen',
      width: 118,
      align: 'right',
      className: 'money-cell',
      render: (_, p) => <strong>{cell(p, p.payableFen)}</strong>,
    },
    {
      title: L.status,
      dataIndex: 'status',
      width: 84,
      render: (s: string) => <SettlementStatusTag status={s} />,
    },
  ];

  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        <Space wrap>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={exporting.isPending}
            onClick={() => exporting.mutate()}
          >
            {L.export}
          </Button>
          {canApprove ? (
            <Button
              type="primary"
              icon={<AuditOutlined aria-hidden />}
              disabled={!data?.approvable}
              loading={approve.isPending}
              onClick={() => data && confirmApprove(data)}
            >
              {L.approve}
            </Button>
          ) : null}
        </Space>
      }
    >
      <div className="section-toolbar">
        <label htmlFor="settlement-half">{S.halfYearPicker}</label>
        <Select
          id="settlement-half"
          value={key}
          onChange={setKey}
          options={halfYearOptions(today)}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
        />
        <span className="muted">{S.halfYearRange(h.year, h.half)}</span>
      </div>
      {data ? <SheetState sheet={data} /> : null}
      <ListTable<Row>
        query={sheet}
        rows={(data?.people ?? []).map((p) => ({ ...p, id: p.staffId }))}
        columns={columns}
        empty={L.empty}
        size="middle"
        className="settlement-table"
        scroll={{ x: 1000 }}
        pagination={false}
        title={() => (
          <>
            <h2 className="card-title">{L.sheetTitle(label)}</h2>
            <span className="muted">{L.expandHint}</span>
          </>
        )}
        expandable={{
          expandedRowRender: (p) => <SettlementDetail p={p} headingLevel={3} />,
        }}
        summary={() =>
          data && data.people.length > 0 ? (
            <Table.Summary>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} />
                <Table.Summary.Cell index={1} colSpan={3}>
                  {L.total}
                </Table.Summary.Cell>
                {[
                  ...MONEY_COLUMNS,
                  ['payable', (p: PersonSettlement) => p.payableFen] as const,
                ].map(([title, fenOf], i) => (
                  <Table.Summary.Cell
                    key={title}
                    index={4 + i}
                    align="right"
                    className="money-cell"
                  >
                    {money(data.people.reduce((n, p) => n + fenOf(p), 0))}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={10} />
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </CenterPage>
  );
}

/**
 * Whether the half-year can be approved now, and if not why; who approved whom, and when; who is
 * left open because his or her money cannot be computed (approved later, once fixed).
 */
function SheetState({ sheet }: { sheet: SettlementSheet }) {
  const approvals = new Map<string, number>();
  for (const p of sheet.people)
    if (p.approvedAt) {
      const key = L.settledLine(p.approvedByName ?? t.common.none, formatDateTime(p.approvedAt));
      approvals.set(key, (approvals.get(key) ?? 0) + 1);
    }
  const approvedText = [...approvals].map(([line, n]) =>
    approvals.size > 1 ? L.settledCount(line, n) : line,
  );
  const heldBack = sheet.people.filter((p) => p.status === 'refused');
  const heldBackList =
    heldBack.length > 0 ? (
      <ul className="settlement-held-back">
        {heldBack.map((p) => (
          <li key={p.staffId}>
            {p.staffName}：{p.refusal?.message ?? t.common.none}
          </li>
        ))}
      </ul>
    ) : null;
  const allApproved =
    sheet.people.length > 0 &&
    heldBack.length === 0 &&
    approvals.size > 0 &&
    sheet.people.every((p) => p.status === 'approved');
  if (allApproved)
    return (
      <Alert
        type="success"
        showIcon
        className="block-gap"
        title={L.settled}
        description={approvedText.join('')}
      />
    );
  return (
    <>
      {approvals.size > 0 ? (
        <Alert
          type="success"
          showIcon
          className="block-gap"
          title={L.partlySettled}
          description={approvedText.join('')}
        />
      ) : null}
      {sheet.approvable ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={L.canApprove}
          description={
            <>
              {L.draftHint}
              {heldBack.length > 0 ? (
                <>
                  <p className="settlement-held-back-title">{L.heldBack}</p>
                  {heldBackList}
                </>
              ) : null}
            </>
          }
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={L.blocked(sheet.blockedReason ?? t.common.none)}
          description={heldBack.length > 1 ? heldBackList : L.draftHint}
        />
      )}
    </>
  );
}
