import { SHANGHAI_UTC_OFFSET_MS } from '@bianmin/domain';
import type ExcelJS from 'exceljs';
import { attachmentHeader } from '../../http/download.ts';

/**
 * ExcelJS, loaded at the first workbook rather than at start-up: it is a large library a start
 * never uses (docs/perf.md, "The embedded server with 1,000,000 cases").
 */
export const excelJs = (): Promise<typeof ExcelJS> => import('exceljs').then((m) => m.default);

/** A cell of an exported list: text, a number, or empty. */
export type Cell = string | number | null;

/** One list as a sheet: its title, what it shows (filters, when), its columns and rows. */
export interface ListSheet {
  /** The worksheet's tab name (at most 31 characters). */
  sheetName: string;
  /** The first row, e.g. "青石镇便民服务中心 办件查询". */
  title: string;
  /** The rows under the title: the filters applied, when it was exported, how many rows. */
  lines: string[];
  columns: { header: string; width: number }[];
  rows: Cell[][];
  /** After the table: e.g. that the list was longer than one export writes. */
  notes?: string[];
}

/** An instant as Beijing reads it, to the minute: "2026-03-02 09:05". */
export function beijingMinute(iso: string | null): string {
  if (iso === null) return '';
  return new Date(Date.parse(iso) + SHANGHAI_UTC_OFFSET_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}

const THIN = { style: 'thin' } as const;

/**
 * A list as an Excel workbook, in the house style of the settlement sheet (settlements/excel.ts): a
 * title over the table, then the lines saying what the list shows, a bold header with a filter on
 * every column and frozen while scrolling, thin borders, A4 landscape one page wide when printed.
 */
export async function listWorkbook(sheet: ListSheet, creator: string): Promise<Buffer> {
  const book = new (await excelJs()).Workbook();
  book.creator = creator;
  const n = sheet.columns.length;
  const headerRow = 2 + sheet.lines.length;
  const ws = book.addWorksheet(sheet.sheetName, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    views: [{ state: 'frozen', ySplit: headerRow }],
  });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, n);
  const title = ws.getCell(1, 1);
  title.value = sheet.title;
  title.font = { size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  sheet.lines.forEach((line, i) => {
    ws.mergeCells(2 + i, 1, 2 + i, n);
    ws.getCell(2 + i, 1).value = line;
  });
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  for (const r of sheet.rows) ws.addRow(r);
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: n } };
  for (let r = headerRow; r <= ws.rowCount; r++)
    for (let c = 1; c <= n; c++)
      ws.getCell(r, c).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (sheet.notes && sheet.notes.length > 0) {
    ws.addRow([]);
    for (const note of sheet.notes) ws.addRow([note]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The headers that make the browser save the file under its Chinese name, never cached. */
export function attachment(fileName: string) {
  return {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': attachmentHeader(fileName),
    'cache-control': 'private, no-store',
  };
}
