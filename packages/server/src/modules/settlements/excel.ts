import { LINE_KIND_NAMES, type PersonSettlement, type SettlementSheet } from '@bianmin/contracts';
import { lineEffectFen, shanghaiDateOf } from '@bianmin/domain';
import { excelJs } from '../exports/workbook.ts';

/** Fen as a yuan number for a cell (shown with two decimals by the cell format). */
const yuan = (fen: number) => fen / 100;
const MONEY = '#,##0.00';
/** An amount that adds to (+) or takes from (−) what is paid. */
const SIGNED = '+#,##0.00;-#,##0.00;0.00';

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '工号', width: 9 },
  { header: '姓名', width: 10 },
  { header: '窗口', width: 18 },
  { header: '考核标准（元）', width: 13 },
  { header: '本期扣除（元）', width: 13 },
  { header: '退还多扣（元）', width: 13 },
  { header: '结转下期（元）', width: 13 },
  { header: '核销（元）', width: 11 },
  { header: '应发金额（元）', width: 13 },
  { header: '审定', width: 16 },
  { header: '本人签字', width: 12 },
];
/** The money columns (1-based): 考核标准 … 应发金额. */
const FIRST_MONEY = 5;
const LAST_MONEY = 10;

/** The day of an approval as Beijing reads it (an approval at 07:30 on 1 July is 1 July). */
const beijingDate = (iso: string) => shanghaiDateOf(Date.parse(iso));

/** "赵建国 2026-07-01": who approved a person's settlement, and on which (Beijing) day. */
const approvalOf = (p: PersonSettlement) =>
  p.approvedAt === null ? null : `${p.approvedByName ?? ''} ${beijingDate(p.approvedAt)}`;

/** The state of the sheet for its second row: approved (by whom, when), partly, or a draft. */
function stateLine(people: readonly PersonSettlement[]): string {
  const approvals = new Map<string, number>();
  for (const p of people) {
    const a = approvalOf(p);
    if (a !== null) approvals.set(a, (approvals.get(a) ?? 0) + 1);
  }
  const open = people.length - [...approvals.values()].reduce((n, c) => n + c, 0);
  if (approvals.size === 0) return '草稿：尚未审定，金额可能变化';
  const list = [...approvals].map(([a, n]) => (approvals.size > 1 ? `${a}（${n} 人）` : a));
  if (open === 0) return `已审定：${list.join('；')}`;
  return `部分审定：${list.join('；')}；未审定 ${open} 人，其金额可能变化`;
}

const stateCell = (p: PersonSettlement) =>
  p.status === 'approved'
    ? `已审定 ${p.approvedAt ? beijingDate(p.approvedAt) : ''}`
    : p.status === 'refused'
      ? '无法计算（见明细）'
      : '草稿';

/**
 * The half-year sheet for the finance office: one row per person (应发 = 考核标准 − 本期扣除 +
 * 退还多扣; what could not be deducted is shown as carried or written off), totals, a signatures
 * row, on one printable A4 landscape page; and a second sheet, 明细, with every person's lines of
 * explanation, each with its effect on what is paid (+ adds, − takes away), so that a person's lines
 * add up to the amount paid (docs/money.md, "Reading the lines"). Dates are Beijing dates.
 */
export async function settlementWorkbook(
  sheet: SettlementSheet,
  centerName: string,
): Promise<Buffer> {
  const book = new (await excelJs()).Workbook();
  book.creator = centerName;
  const ws = book.addWorksheet('考核金额', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  const title = ws.getCell(1, 1);
  title.value = `${centerName}窗口工作人员${sheet.label}绩效考核金额发放表`;
  title.font = { size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  ws.getCell(2, 1).value = stateLine(sheet.people);
  ws.getCell(2, 1).alignment = { horizontal: 'right' };
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  sheet.people.forEach((p, i) => {
    // Money that cannot be computed is left blank, never shown as 0.
    const m = (fen: number) => (p.status === 'refused' ? null : yuan(fen));
    ws.addRow([
      i + 1,
      p.staffNo,
      p.staffName,
      p.windowName ?? '',
      m(p.poolFen),
      m(p.appliedFen),
      m(Math.max(0, p.adjustmentFen)),
      m(p.carriedOutFen),
      m(p.writtenOffFen),
      m(p.payableFen),
      stateCell(p),
      '',
    ]);
  });
  const t = sheet.totals;
  const totals = ws.addRow([
    '合计',
    '',
    '',
    '',
    yuan(t.poolFen),
    yuan(t.appliedFen),
    yuan(sheet.people.reduce((n, p) => n + Math.max(0, p.adjustmentFen), 0)),
    yuan(t.carriedOutFen),
    yuan(t.writtenOffFen),
    yuan(t.payableFen),
    '',
    '',
  ]);
  totals.font = { bold: true };
  for (let r = 3; r <= ws.rowCount; r++)
    for (let c = 1; c <= COLUMNS.length; c++) {
      const cell = ws.getCell(r, c);
      cell.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
      if (c >= FIRST_MONEY && c <= LAST_MONEY && r > 3) cell.numFmt = MONEY;
    }
  ws.addRow([]);
  ws.addRow([
    '说明：应发金额 ＝ 考核标准 － 本期扣除 ＋ 退还多扣；结转下期、核销为本期未能扣除的部分，不计入应发。',
  ]);
  const refused = sheet.people.filter((p) => p.status === 'refused');
  if (refused.length > 0)
    ws.addRow([
      `注：${refused.map((p) => p.staffName).join('、')} 的考核金额暂无法计算（原因见“明细”），未计入合计，待处理后另行审定。`,
    ]);
  ws.addRow(['制表人：', '', '', '考核小组组长：', '', '', '分管领导：', '', '财务：']);

  const detail = book.addWorksheet('明细');
  detail.columns = [{ width: 10 }, { width: 10 }, { width: 12 }, { width: 14 }, { width: 90 }];
  detail.addRow([
    `${sheet.label}绩效考核金额明细：＋ 计入应发，－ 从应发中扣除；每人各行相加即其应发金额`,
  ]);
  detail.addRow(['工号', '姓名', '类别', '金额（元）', '说明']).font = { bold: true };
  for (const p of sheet.people) {
    if (p.refusal) {
      detail.addRow([p.staffNo, p.staffName, '无法计算', null, p.refusal.message]);
      continue;
    }
    for (const l of p.lines) {
      const row = detail.addRow([
        p.staffNo,
        p.staffName,
        LINE_KIND_NAMES[l.kind],
        yuan(lineEffectFen(l)),
        l.text,
      ]);
      row.getCell(4).numFmt = SIGNED;
    }
    const total = detail.addRow([
      p.staffNo,
      p.staffName,
      '应发',
      yuan(p.payableFen),
      '以上各行相加，即应发金额',
    ]);
    total.font = { bold: true };
    total.getCell(4).numFmt = MONEY;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
