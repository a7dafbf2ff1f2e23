import {
  ACCEPTED_KIND_LABELS,
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  NOTICE_TITLES,
  type NoticeContent,
} from '@bianmin/contracts';
import {
  displayReceiptNo,
  maskIdentifier,
  materialLine,
  shanghaiDateOf,
  SHANGHAI_UTC_OFFSET_MS,
  type Channel,
  type NoticeType,
} from '@bianmin/domain';
import type { CaseRow } from './state.ts';

/** 2026年3月2日 */
export function zhDate(at: Date | number): string {
  const [y, m, d] = shanghaiDateOf(typeof at === 'number' ? at : at.getTime()).split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

/** 2026年3月2日 17:30 */
export function zhDateTime(at: Date | number): string {
  const t = typeof at === 'number' ? at : at.getTime();
  const hhmm = new Date(t + SHANGHAI_UTC_OFFSET_MS).toISOString().slice(11, 16);
  return `${zhDate(t)} ${hhmm}`;
}

/**
 * The working hours as a notice prints them: "工作日 08:30–17:30", or by season
 * "工作日 5月1日起 08:00–17:30；10月1日起 08:30–17:30".
 */
export function hoursText(seasons: { season_from: string; open_at: string; close_at: string }[]) {
  const hours = (s: (typeof seasons)[number]) =>
    `${s.open_at.slice(0, 5)}–${s.close_at.slice(0, 5)}`;
  if (seasons.length === 0) return '';
  if (seasons.length === 1) return `工作日 ${hours(seasons[0]!)}`;
  const from = (mmdd: string) => {
    const [m, d] = mmdd.split('-').map(Number);
    return `${m}月${d}日起`;
  };
  return `工作日 ${seasons.map((s) => `${from(s.season_from)} ${hours(s)}`).join('；')}`;
}

export interface NoticeFacts {
  type: NoticeType;
  number: string;
  row: CaseRow;
  centerName: string;
  centerPhone: string;
  centerHours: string;
  itemName: string;
  issuedAt: Date;
  issuerName: string;
  windowName: string;
  correction: { supersedes: string; reason: string } | null;
}

const QUERY_HINT =
  '凭受理编号和查询码，可在本中心“办件查询”页面（手机可用）查询办理进度；请妥善保管本通知书。';

function deadlineText(row: CaseRow): string {
  return row.deadline_at ? zhDateTime(row.deadline_at) : '';
}

/** Lines every accepted notice carries: the legal start, the deadline, and the caveats. */
function acceptedParagraphs(row: CaseRow, item: string): string[] {
  const out: string[] = [];
  const kind = row.accepted_kind;
  const deadline = deadlineText(row);
  if (kind === 'immediate')
    out.push(
      `您申请办理的“${item}”事项，申请材料齐全、符合法定形式，现予受理。本件为即办件，将于受理后 30 分钟内（${deadline}前）办结。`,
    );
  if (kind === 'promised')
    out.push(
      `您申请办理的“${item}”事项，申请材料齐全、符合法定形式，现予受理。本件为承诺件，本中心承诺在 ${row.term_days ?? ''} 个工作日内（受理当日不计），即 ${deadline} 前办结。`,
    );
  if (kind === 'petition')
    out.push(
      `您反映的“${item}”信访事项，本中心已予受理，将依照《信访工作条例》在 ${row.term_days ?? ''} 日内，即 ${deadline} 前办结并书面答复。`,
    );
  if (kind === 'reported')
    out.push(
      `您申请办理的“${item}”事项须报经上级机关审批，现予受理。本中心将协助您向上级机关报送并跟踪办理结果，预计在 ${row.term_days ?? ''} 个工作日内，即 ${deadline} 前办结。`,
    );
  if (row.urgent) {
    const unit = kind === 'petition' ? '日' : '个工作日';
    const shortened =
      row.standard_term_days !== null &&
      row.term_days !== null &&
      row.term_days < row.standard_term_days
        ? `，办理期限由 ${row.standard_term_days} ${unit}缩短为 ${row.term_days} ${unit}`
        : '';
    out.push(`本件按“急事急办、特事特办”的要求加急办理${shortened}。`);
  }
  if (row.deemed_accepted)
    out.push(
      `因未在收件后法定期限内一次性告知补正，依照《中华人民共和国行政许可法》第三十二条，本件自收件之日（${zhDate(row.received_at)}）起即为受理。`,
    );
  if (row.deadline_provisional)
    out.push(
      `注：${row.missing_years.join('、')} 年的法定节假日安排尚未录入，上述办结日期为暂定；安排公布后如有变化，本中心将另行告知。`,
    );
  out.push(
    '办理期间如需听证、检验检测、专家评审或等待您补充说明，所需时间不计入办理期限，本中心将告知您。',
  );
  return out;
}

/** Everything printed on a notice, fixed at the moment it is issued. */
export function noticeContent(f: NoticeFacts): NoticeContent {
  const { row } = f;
  const item = f.itemName || row.subject;
  const fields: { label: string; value: string }[] = [
    { label: '来件方式', value: CHANNEL_LABELS[row.channel as Channel] },
    { label: '接收时间', value: zhDateTime(row.received_at) },
  ];
  let paragraphs: string[] = [];
  let list: NoticeContent['list'] = null;
  switch (f.type) {
    case 'inquiry':
      paragraphs = [
        `您咨询的“${item}”，答复如下：`,
        row.answer,
        '如仍有疑问，欢迎随时到窗口或来电咨询。',
      ];
      if (row.materials.length > 0)
        list = { heading: '办理该事项须提交的材料', items: row.materials };
      break;
    case 'supplement':
      paragraphs = [
        `您于 ${zhDate(row.received_at)} 申请办理的“${item}”事项，经审查，申请材料不齐全或者不符合法定形式。依照《中华人民共和国行政许可法》第三十二条，现一次性告知您需要补正的全部材料（见下）。`,
        '请补齐下列材料后到本窗口办理。办理期限自材料补齐、正式受理之日起计算。',
      ];
      // Each paper with what is wrong with it, when the clerk said (营业执照副本（缺少公章）).
      list = {
        heading: '需要补正的材料',
        items: row.materials.map((m) => materialLine(m, row.material_remarks)),
      };
      break;
    case 'returned':
      paragraphs = [
        `您于 ${zhDate(row.received_at)} 申请办理的“${item}”事项，经审查，本中心不予受理，现将申请材料退回。理由如下：`,
        row.reasons,
        '如对本决定有异议，可以依法申请行政复议或者提起行政诉讼。',
      ];
      break;
    case 'immediate':
    case 'promised':
    case 'petition':
    case 'reported':
      fields.push(
        { label: '办件类型', value: ACCEPTED_KIND_LABELS[f.type] },
        { label: '受理时间', value: row.accepted_at ? zhDateTime(row.accepted_at) : '' },
        {
          label: '办结期限',
          value: deadlineText(row) + (row.deadline_provisional ? '（暂定）' : ''),
        },
      );
      paragraphs = acceptedParagraphs(row, item);
      break;
    case 'extension': {
      const ext = row.extension;
      const unit = row.accepted_kind === 'petition' ? '日' : '个工作日';
      fields.push({ label: '延长后办结期限', value: deadlineText(row) });
      paragraphs = [
        `您申请办理的“${item}”事项，因${ext?.reason ?? ''}，不能在原定期限内办结。经 ${ext?.approverName ?? ''} 批准，办理期限延长 ${ext?.days ?? ''} ${unit}，延长后的办结期限为 ${deadlineText(row)}。`,
        '特此告知。给您带来不便，敬请谅解。',
      ];
      break;
    }
  }
  return {
    title: NOTICE_TITLES[f.type],
    number: f.number,
    centerName: f.centerName,
    receiptNo: displayReceiptNo(row.receipt_no),
    queryCode: row.query_code,
    applicantLabel: row.applicant_type === 'person' ? '申请人' : '申请单位',
    applicantName: row.applicant_name,
    idLabel: row.applicant_type === 'person' ? '身份证号码' : '统一社会信用代码',
    idMasked: row.applicant_id_number && maskIdentifier(row.applicant_id_number),
    itemName: item,
    fields: [{ label: '申请人类型', value: APPLICANT_TYPE_LABELS[row.applicant_type] }, ...fields],
    paragraphs: paragraphs.filter((p) => p.trim() !== ''),
    list,
    correction: f.correction,
    issuedByName: f.issuerName,
    windowName: f.windowName,
    issuedOn: zhDate(f.issuedAt),
    queryHint: QUERY_HINT,
    centerPhone: f.centerPhone,
    centerHours: f.centerHours,
  };
}
