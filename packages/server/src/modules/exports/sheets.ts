import {
  ACCEPTED_KIND_LABELS,
  APPLICANT_TYPE_LABELS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  type CaseSummary,
  type Finding,
} from '@bianmin/contracts';
import { displayReceiptNo, itemName, LEVEL_NAMES, type AssessmentItem } from '@bianmin/domain';
import { beijingMinute, type Cell, type ListSheet } from './workbook.ts';

const LIGHTS: Record<NonNullable<CaseSummary['light']>, string> = {
  green: '绿牌',
  yellow: '黄牌',
  red: '红牌',
  paused: '暂停计时',
};

const yesNo = (b: boolean) => (b ? '是' : '');

/** Who holds a listed case, as the list shows it. */
const holderOf = (c: CaseSummary) =>
  c.atBusinessSection
    ? '中心业务科'
    : [c.holderName, c.windowName].filter((s): s is string => !!s).join(' · ');

export const CASE_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '受理编号', width: 18 },
  { header: '事项', width: 30 },
  { header: '申请人', width: 14 },
  { header: '申请人类型', width: 10 },
  { header: '来件方式', width: 10 },
  { header: '状态', width: 9 },
  { header: '办件类型', width: 9 },
  { header: '加急', width: 6 },
  { header: '联办', width: 6 },
  { header: '预警', width: 9 },
  { header: '当前经办', width: 20 },
  { header: '接收时间', width: 17 },
  { header: '办结期限', width: 17 },
  { header: '期限暂定', width: 9 },
  { header: '办结时间', width: 17 },
  { header: '按时办结', width: 9 },
] as const;

/**
 * A case of the list as a row: what the list shows (the applicant's name, never an ID number or a
 * phone), times in Beijing time to the minute.
 */
export function caseRow(c: CaseSummary, index: number): Cell[] {
  return [
    index + 1,
    displayReceiptNo(c.receiptNo),
    c.itemName ?? c.subject,
    c.applicantName,
    APPLICANT_TYPE_LABELS[c.applicantType],
    CHANNEL_LABELS[c.channel],
    CASE_STATUS_LABELS[c.status],
    c.acceptedKind ? ACCEPTED_KIND_LABELS[c.acceptedKind] : '未分类',
    yesNo(c.urgent),
    yesNo(c.joint),
    c.light ? LIGHTS[c.light] : '',
    holderOf(c),
    beijingMinute(c.receivedAt),
    beijingMinute(c.deadlineAt),
    yesNo(c.provisional),
    beijingMinute(c.closedAt),
    c.onTime === null ? '' : c.onTime ? '按时' : '超期',
  ];
}

export const FINDING_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '编号', width: 8 },
  { header: '违规日期', width: 12 },
  { header: '工作人员', width: 10 },
  { header: '发现方式', width: 18 },
  { header: '通报', width: 8 },
  { header: '考核内容', width: 16 },
  { header: '问题描述', width: 50 },
  { header: '移送纪律处分', width: 12 },
  { header: '状态', width: 10 },
  { header: '作废原因', width: 30 },
] as const;

const HIGHER = new Set(['county', 'city', 'province']);

/** A finding as a row: as the assessment pages show it. */
export function findingRow(f: Finding, index: number): Cell[] {
  return [
    index + 1,
    f.id,
    f.date,
    f.staffName,
    LEVEL_NAMES[f.level],
    HIGHER.has(f.level) ? (f.circulated ? '通报' : '未通报') : '',
    itemName(f.item as AssessmentItem),
    f.description,
    yesNo(f.serious),
    f.voided ? '已作废' : f.revoked ? '已撤销' : '有效',
    f.voided?.reason ?? '',
  ];
}

/** The line under a sheet's title: the filters, when it was exported and by whom, how many rows. */
export function aboutLines(
  filters: readonly string[],
  at: Date,
  by: string,
  shown: number,
  total: number,
): string[] {
  return [
    `筛选条件：${filters.length > 0 ? filters.join('；') : '全部'}`,
    `导出时间：${beijingMinute(at.toISOString())}（北京时间） 导出人：${by} 共 ${total} 条${
      shown < total ? `，本表列出前 ${shown} 条` : ''
    }`,
  ];
}

export type { ListSheet };
