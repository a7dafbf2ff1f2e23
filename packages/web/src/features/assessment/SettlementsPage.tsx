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
  signedMoney,
} from './format.ts';
import { SettlementDetail, SettlementStatusTag } from './shared.tsx';
import './assessment.css';

const L = t.settlements;
const S = t.assessmentShared;

type Row = PersonSettlement & { id: number };

/**
 * A money cell: '900.00 元' (zeros dimmed, so the eye finds the deductions), or a dash where the
 * person's money cannot be computed.
 */
function cell(p: PersonSettlement, fen: number, signed = false) {
  if (p.status === 'refused') return t.common.none;
  const text = signed ? signedMoney(fen) : money(fen);
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

  const confirmApprove = (s: SettlementSheet) =>
    void modal.confirm({
      title: L.approveTitle(label),
      content: L.approveBody(label, s.people.length, money(s.totals.payableFen)),
      okText: L.approveOk,
      cancelText: t.common.cancel,
      width: 520,
      onOk: () => approve.mutateAsync().catch(() => undefined),
    });

  const columns: TableColumnsType<Row> = [
    { title: L.staffNo, dataIndex: 'staffNo', width: 80 },
    { title: L.name, dataIndex: 'staffName', width: 80 },
    {
      title: L.window,
      dataIndex: 'windowName',
      minWidth: 120,
      render: (v: string | null) => v ?? t.common.none,
    },
    ...(
      [
        ['pool', 'poolFen', false],
        ['applied', 'appliedFen', false],
        ['adjustment', 'adjustmentFen', true],
        ['carriedOut', 'carriedOutFen', false],
        ['writtenOff', 'writtenOffFen', false],
      ] as const
    ).map(([title, field, signed]) => ({
      title: L[title],
      key: field,
      width: 108,
      align: 'right' as const,
      className: 'money-cell',
      render: (_: unknown, p: Row) => cell(p, p[field], signed),
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
                {(
                  [
                    ['poolFen', false],
                    ['appliedFen', false],
                    ['adjustmentFen', true],
                    ['carriedOutFen', false],
                    ['writtenOffFen', false],
                    ['payableFen', false],
                  ] as const
                ).map(([field, signed], i) => (
                  <Table.Summary.Cell
                    key={field}
                    index={4 + i}
                    align="right"
                    className="money-cell"
                  >
                    {signed ? signedMoney(data.totals[field]) : money(data.totals[field])}
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

/** Whether the half-year can be approved now, and if not why; when approved, by whom. */
function SheetState({ sheet }: { sheet: SettlementSheet }) {
  const approved = sheet.people.length > 0 && sheet.people.every((p) => p.status === 'approved');
  if (approved) {
    const first = sheet.people[0]!;
    return (
      <Alert
        type="success"
        showIcon
        className="block-gap"
        title={L.settled}
        description={L.settledLine(
          first.approvedByName ?? t.common.none,
          formatDateTime(first.approvedAt),
        )}
      />
    );
  }
  if (sheet.approvable) {
    return (
      <Alert
        type="info"
        showIcon
        className="block-gap"
        title={L.canApprove}
        description={L.draftHint}
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      className="block-gap"
      title={L.blocked(sheet.blockedReason ?? t.common.none)}
      description={L.draftHint}
    />
  );
}
