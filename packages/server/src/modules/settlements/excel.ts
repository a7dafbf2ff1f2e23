import type { SettlementSheet } from '@bianmin/contracts';
import ExcelJS from 'exceljs';

/** Fen as a yuan number for a cell (shown with two decimals by the cell format). */
const yuan = (fen: number) => fen / 100;

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '工号', width: 9 },
  { header: '姓名', width: 10 },
  { header: '窗口', width: 18 },
  { header: '考核标准（元）', width: 13 },
  { header: '本期扣除（元）', width: 13 },
  { header: '调整（元）', width: 11 },
  { header: '结转下期（元）', width: 13 },
  { header: '核销（元）', width: 11 },
  { header: '应发金额（元）', width: 13 },
  { header: '本人签字', width: 12 },
];

/**
 * The half-year sheet for the finance office: one row per person, totals, a signatures row, on one
 * printable A4 landscape page; and a second sheet with every person's lines of explanation.
 */
export async function settlementWorkbook(
  sheet: SettlementSheet,
  centerName: string,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
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
  const approved = sheet.people.every((p) => p.status === 'approved');
  ws.getCell(2, 1).value = approved
    ? `已审定：${sheet.people[0]?.approvedByName ?? ''} ${sheet.people[0]?.approvedAt?.slice(0, 10) ?? ''}`
    : '草稿：尚未审定，金额可能变化';
  ws.getCell(2, 1).alignment = { horizontal: 'right' };
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  sheet.people.forEach((p, i) =>
    ws.addRow([
      i + 1,
      p.staffNo,
      p.staffName,
      p.windowName ?? '',
      yuan(p.poolFen),
      yuan(p.appliedFen),
      yuan(p.adjustmentFen),
      yuan(p.carriedOutFen),
      yuan(p.writtenOffFen),
      yuan(p.payableFen),
      '',
    ]),
  );
  const t = sheet.totals;
  const totals = ws.addRow([
    '合计',
    '',
    '',
    '',
    yuan(t.poolFen),
    yuan(t.appliedFen),
    yuan(t.adjustmentFen),
    yuan(t.carriedOutFen),
    yuan(t.writtenOffFen),
    yuan(t.payableFen),
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
      if (c >= 5 && c <= 10 && r > 3) cell.numFmt = '#,##0.00';
    }
  ws.addRow([]);
  ws.addRow(['制表人：', '', '', '考核小组组长：', '', '', '分管领导：', '', '财务：']);

  const detail = book.addWorksheet('明细');
  detail.columns = [{ width: 10 }, { width: 12 }, { width: 14 }, { width: 90 }];
  detail.addRow(['工号', '姓名', '金额（元）', '说明']).font = { bold: true };
  for (const p of sheet.people) {
    if (p.refusal) detail.addRow([p.staffNo, p.staffName, '', p.refusal.message]);
    for (const l of p.lines) detail.addRow([p.staffNo, p.staffName, yuan(l.amountFen), l.text]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
