import { CHANNEL_LABELS, type CenterStats, type CountyStats } from '@bianmin/contracts';
import {
  CASE_KIND_LABELS,
  monthLabel,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  shanghaiDateOf,
} from '@bianmin/domain';
import type ExcelJS from 'exceljs';
import { excelJs } from '../exports/workbook.ts';

/** A per-cent figure with one decimal; blank (never 0) when there is nothing to divide. */
const PERCENT = '0.0"%"';
/** Working minutes shown as hours with one decimal (the cell holds hours). */
const HOURS = '0.0';
const hours = (minutes: number | null) => (minutes === null ? null : minutes / 60);

const thin = { style: 'thin' } as const;
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** A titled table: a bold section head, a bold header row, bordered rows. */
function table(
  ws: ExcelJS.Worksheet,
  title: string,
  header: string[],
  rows: (string | number | null)[][],
  formats: Record<number, string> = {},
) {
  ws.addRow([]);
  ws.addRow([title]).font = { bold: true, size: 12 };
  const head = ws.addRow(header);
  head.font = { bold: true };
  const all = [head];
  for (const r of rows) all.push(ws.addRow(r));
  if (rows.length === 0) all.push(ws.addRow(['（本月无）']));
  for (const row of all)
    for (let c = 1; c <= header.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      const fmt = formats[c];
      if (fmt && row !== head) cell.numFmt = fmt;
    }
}

const ON_TIME_HEADER = [
  '',
  '办结件数',
  '按时办结',
  '超期办结',
  '按时办结率（%）',
  '平均办理用时（工作小时）',
];
const ON_TIME_FORMATS = { 5: PERCENT, 6: HOURS };
const onTimeRow = (
  label: string,
  f: {
    closed: number;
    onTime: number;
    late: number;
    ratePercent: number | null;
    avgWorkingMinutes: number | null;
  },
) => [label, f.closed, f.onTime, f.late, f.ratePercent, hours(f.avgWorkingMinutes)];

function sheetOf(book: ExcelJS.Workbook, name: string, widths: number[]) {
  const ws = book.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/**
 * A center's monthly report (办件统计月报) as the API gives it for that month: the same figures in
 * the same words, section by section on one printable A4 sheet (docs/statistics.md).
 */
export async function centerWorkbook(s: CenterStats): Promise<Buffer> {
  const book = new (await excelJs()).Workbook();
  book.creator = s.centerName;
  const ws = sheetOf(book, '月报', [22, 12, 12, 12, 16, 22]);
  ws.addRow([`${s.centerName}办件统计月报（${monthLabel(s.month)}）`]).font = {
    size: 16,
    bold: true,
  };
  ws.addRow([`制表日期：${shanghaiDateOf(Date.parse(s.now))}；口径见 docs/statistics.md`]);
  table(ws, '一、按时办结', ON_TIME_HEADER, [onTimeRow('本月合计', s.total)], ON_TIME_FORMATS);
  table(
    ws,
    '二、近 12 个月按时办结率',
    ['月份', '办结件数', '按时办结', '超期办结', '按时办结率（%）'],
    s.trend.map((m) => [m.month, m.closed, m.onTime, m.late, m.ratePercent]),
    { 5: PERCENT },
  );
  table(
    ws,
    '三、按窗口',
    ['窗口', ...ON_TIME_HEADER.slice(1)],
    s.byWindow.map((w) => onTimeRow(w.windowName, w)),
    ON_TIME_FORMATS,
  );
  table(
    ws,
    '四、按事项',
    ['事项', ...ON_TIME_HEADER.slice(1)],
    s.byItem.map((i) => onTimeRow(i.itemName, i)),
    ON_TIME_FORMATS,
  );
  table(
    ws,
    '五、按承办人',
    ['承办人', ...ON_TIME_HEADER.slice(1)],
    s.byPerson.map((p) => onTimeRow(p.staffName, p)),
    ON_TIME_FORMATS,
  );
  table(
    ws,
    `六、办件量（本月登记 ${String(s.volume.received)} 件）`,
    ['来源', '件数'],
    s.volume.byChannel.map((c) => [CHANNEL_LABELS[c.channel], c.count]),
  );
  table(
    ws,
    '七、件类（按目前状态）',
    ['件类', '件数'],
    s.volume.byKind.map((k) => [CASE_KIND_LABELS[k.kind], k.count]),
  );
  table(
    ws,
    '八、好差评',
    ['评价', '条数'],
    [
      ...SATISFACTION_LEVELS.map((l) => [SATISFACTION_LABELS[l], s.ratings.byLevel[l] ?? 0]),
      ['合计（不含认定的恶意评价）', s.ratings.total],
      ['认定为恶意评价、不计入', s.ratings.excluded],
      ['满意率（%）', s.ratings.ratePercent],
    ],
  );
  ws.getRow(ws.rowCount).getCell(2).numFmt = PERCENT;
  const c = s.complaints;
  table(
    ws,
    '九、群众举报',
    ['项目', '件数'],
    [
      ['本月受理', c.received],
      ['待核查（未作出决定）', c.undecided],
      ['已答复举报人', c.replied],
      ['超期（逾期决定或逾期未决定）', c.overdue],
    ],
  );
  const a = s.appointments;
  table(
    ws,
    '十、预约服务',
    ['项目', '件数'],
    [
      ['本月预约', a.booked],
      ['按约到场', a.arrived],
      ['爽约', a.noShow],
      ['已取消', a.cancelled],
      ['待到场', a.pending],
      ['爽约率（%）', a.noShowRatePercent],
    ],
  );
  ws.getRow(ws.rowCount).getCell(2).numFmt = PERCENT;
  const v = s.visits;
  table(
    ws,
    '十一、上门服务',
    ['项目', '件数'],
    [
      ['本月申请', v.total],
      ['待安排', v.requested],
      ['已安排', v.scheduled],
      ['已上门', v.visited],
      ['已取消', v.cancelled],
    ],
  );
  if (s.missingYears.length > 0)
    ws.addRow([
      `注：${s.missingYears.join('、')} 年的工作日历尚未录入，办理用时按周一至周五计算，录入后以录入为准。`,
    ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The county's comparison of its centers for a month, one row per center. */
export async function countyWorkbook(s: CountyStats): Promise<Buffer> {
  const book = new (await excelJs()).Workbook();
  const ws = sheetOf(book, '各中心对比', [20, 10, 10, 10, 12, 14, 10, 10, 10, 10, 10, 10, 10, 10]);
  ws.pageSetup.orientation = 'landscape';
  ws.addRow([`各便民服务中心办件统计对比（${monthLabel(s.month)}）`]).font = {
    size: 16,
    bold: true,
  };
  ws.addRow([`制表日期：${shanghaiDateOf(Date.parse(s.now))}`]);
  table(
    ws,
    '各中心',
    [
      '中心',
      '办结件数',
      '按时办结',
      '超期办结',
      '按时办结率（%）',
      '平均办理用时（工作小时）',
      '登记件数',
      '评价条数',
      '满意率（%）',
      '举报',
      '举报超期',
      '预约',
      '爽约',
      '上门服务',
    ],
    s.centers.map((c) => [
      c.centerName,
      c.closed,
      c.onTime,
      c.late,
      c.ratePercent,
      hours(c.avgWorkingMinutes),
      c.received,
      c.ratings,
      c.satisfactionPercent,
      c.complaints,
      c.complaintsOverdue,
      c.booked,
      c.noShow,
      c.visits,
    ]),
    { 5: PERCENT, 6: HOURS, 9: PERCENT },
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
