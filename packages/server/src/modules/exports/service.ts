import {
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  EXPORT_MAX_ROWS,
  type CaseExportQuery,
  type FindingExportQuery,
} from '@bianmin/contracts';
import { CASE_KIND_LABELS, shanghaiDateOf } from '@bianmin/domain';
import { write, type Actor } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import * as assessment from '../assessment/service.ts';
import { centerName } from '../cases/repository.ts';
import * as cases from '../cases/service.ts';
import { aboutLines, CASE_COLUMNS, caseRow, FINDING_COLUMNS, findingRow } from './sheets.ts';
import { listWorkbook } from './workbook.ts';

/** A file to send: its bytes and the name the browser saves it under. */
export interface ExportFile {
  book: Buffer;
  fileName: string;
}

const LIGHT_WORDS = { green: '绿牌', yellow: '黄牌', red: '红牌', paused: '暂停计时' } as const;

/** "2026-12-06": the day of an export, as Beijing reads it, for the file's name. */
const dayOf = (at: Date) => shanghaiDateOf(at.getTime());

/**
 * Every export is in the audit trail: what list, with which filters, how many rows went out. A list
 * of people's cases leaving the building is a read worth recording (个人信息保护法).
 */
async function audited(
  deps: Deps,
  actor: Actor,
  centerId: number,
  list: 'cases' | 'findings' | 'settlements',
  filters: unknown,
  rows: number,
) {
  await write(deps.db, deps.clock, actor, async (_tx, audit) => {
    await audit({
      centerId,
      action: `export.${list}`,
      entityType: 'export',
      entityId: list,
      before: null,
      after: { filters, rows },
    });
  });
}

/** The names of what the cases list filters by, as the list's toolbar shows them. */
async function caseFilterWords(deps: Deps, q: CaseExportQuery): Promise<string[]> {
  const words: string[] = [];
  if (q.status === 'open') words.push('状态：在办');
  else if (q.status === 'closed') words.push('状态：已办结（含答复、退回）');
  else if (q.status) words.push(`状态：${CASE_STATUS_LABELS[q.status]}`);
  if (q.light) words.push(`预警：${LIGHT_WORDS[q.light]}`);
  if (q.windowId) {
    const w = await deps.db
      .selectFrom('windows')
      .select(['number', 'name'])
      .where('id', '=', q.windowId)
      .executeTakeFirst();
    words.push(`窗口：${w ? `${w.number} ${w.name}` : q.windowId}`);
  }
  if (q.itemId) {
    const i = await deps.db
      .selectFrom('service_items')
      .select('name')
      .where('id', '=', q.itemId)
      .executeTakeFirst();
    words.push(`事项：${i?.name ?? q.itemId}`);
  }
  if (q.q) words.push(`搜索：“${q.q}”`);
  if (q.mine === 'true') words.push('只看我的');
  // The filters a figure of 办件统计 opens the list with (docs/statistics.md).
  if (q.channel) words.push(`来件方式：${CHANNEL_LABELS[q.channel]}`);
  if (q.kind) words.push(`类型：${q.kind === 'accepted' ? '受理件' : CASE_KIND_LABELS[q.kind]}`);
  if (q.receivedMonth) words.push(`接收月份：${q.receivedMonth}`);
  if (q.closedMonth) words.push(`办结月份：${q.closedMonth}`);
  if (q.onTime) words.push(q.onTime === 'true' ? '按时办结' : '超期办结');
  if (q.holderStaffId) {
    const s = await deps.db
      .selectFrom('staff')
      .select('name')
      .where('id', '=', q.holderStaffId)
      .executeTakeFirst();
    words.push(`经办人：${s?.name ?? q.holderStaffId}`);
  }
  return words;
}

/**
 * The cases list as Excel, with exactly the filters the list was showing (the same query as GET
 * /api/cases, every page), newest first as the list.
 */
export async function exportCases(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  q: CaseExportQuery,
): Promise<ExportFile> {
  const at = deps.clock.now();
  const list = await cases.list(deps, user, centerId, { ...q, page: 1, pageSize: EXPORT_MAX_ROWS });
  const center = await centerName(deps.db, centerId);
  const book = await listWorkbook(
    {
      sheetName: '办件',
      title: `${center}办件查询`,
      lines: aboutLines(
        await caseFilterWords(deps, q),
        at,
        user.displayName,
        list.items.length,
        list.total,
      ),
      columns: [...CASE_COLUMNS],
      rows: list.items.map(caseRow),
      notes:
        list.total > list.items.length
          ? [
              `注：共 ${list.total} 件，一次最多导出 ${EXPORT_MAX_ROWS} 件，请缩小筛选范围后分批导出。`,
            ]
          : [],
    },
    center,
  );
  await audited(deps, actor, centerId, 'cases', q, list.items.length);
  return { book, fileName: `${center}办件${dayOf(at)}.xlsx` };
}

/** The findings the user may see (本人、分管领导、考核小组), with the list's filters, as Excel. */
export async function exportFindings(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  q: FindingExportQuery,
): Promise<ExportFile> {
  const at = deps.clock.now();
  const list = await assessment.listFindings(deps, user, centerId, {
    ...q,
    page: 1,
    pageSize: EXPORT_MAX_ROWS,
  });
  const center = await centerName(deps.db, centerId);
  const words: string[] = [];
  if (q.year) words.push(`年度：${q.year}年`);
  if (q.staffId) {
    const s = await deps.db
      .selectFrom('staff')
      .select('name')
      .where('id', '=', q.staffId)
      .executeTakeFirst();
    words.push(`人员：${s?.name ?? q.staffId}`);
  }
  const book = await listWorkbook(
    {
      sheetName: '考核发现问题',
      title: `${center}考核发现问题${q.year ? `（${q.year}年）` : ''}`,
      lines: aboutLines(words, at, user.displayName, list.items.length, list.total),
      columns: [...FINDING_COLUMNS],
      rows: list.items.map(findingRow),
      notes: ['说明：已撤销（申诉撤销）、已作废的问题不计入考核金额，列出备查。'],
    },
    center,
  );
  await audited(deps, actor, centerId, 'findings', q, list.items.length);
  return {
    book,
    fileName: `${center}考核发现问题${q.year ? `${q.year}年` : ''}${dayOf(at)}.xlsx`,
  };
}

/** The settlement sheet's export is audited like the lists (its own route builds the book). */
export const auditSettlementExport = (
  deps: Deps,
  actor: Actor,
  centerId: number,
  half: { year: number; half: number },
  people: number,
) => audited(deps, actor, centerId, 'settlements', half, people);
