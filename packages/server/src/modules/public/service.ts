import {
  PAUSE_REASON_LABELS,
  type PortalCenter,
  type PortalCenterSummary,
  type PortalGuide,
  type PublicCaseStatus,
} from '@bianmin/contracts';
import {
  displayReceiptNo,
  materialLine,
  normalizeReceiptNo,
  openingDays,
  QUERY_CODE_POLICY,
  shanghaiDateOf,
  type CaseStatus,
} from '@bianmin/domain';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { sameSecret } from '../../http/same-secret.ts';
import { countFailure, waitBefore } from '../auth/throttle.ts';
import * as cases from '../cases/repository.ts';
import { zhDate } from '../cases/notice-content.ts';
import type { CaseRow } from '../cases/state.ts';
import { loadTermContext } from '../cases/term-context.ts';
import * as repo from './repository.ts';
import { searchKeys } from '../catalog/search-keys.ts';

/**
 * Compared with a wrong code when the receipt number does not exist, so that both failures do the
 * same work (it can never match: codes are six digits).
 */
const NO_CODE = 'no-such-code';

/** What a case says to its applicant besides its status: facts the message is made of. */
interface CaseFacts {
  now: Date;
  /** Past its deadline, running and not finished. */
  overdue: boolean;
  missingMaterials: string[];
  pauseReason: string | null;
  centerPhone: string;
}

/** "11月26日" this year, "2025年11月26日" another year (Beijing dates). */
function promisedDate(deadline: Date, now: Date): string {
  const [y, m, d] = shanghaiDateOf(deadline.getTime()).split('-');
  const sameYear = y === shanghaiDateOf(now.getTime()).slice(0, 4);
  return `${sameYear ? '' : `${Number(y)}年`}${Number(m)}月${Number(d)}日`;
}

/** "如有疑问请拨打 0571-… 或到中心窗口反映。", without the call when the center has no phone entered. */
const askOr = (phone: string, rest: string) =>
  phone ? `如有疑问请拨打 ${phone} 或${rest}。` : `如有疑问请${rest}。`;

/**
 * What the applicant should do next, in plain words, and what is true now: an overdue case says so
 * with the promised date, never "正在办理" behind a promise already broken.
 */
function messageOf(row: Pick<CaseRow, 'status' | 'deadline_at'>, f: CaseFacts): string {
  if (f.overdue && row.deadline_at)
    return `已超过承诺办结时间（${promisedDate(row.deadline_at, f.now)}），本中心正在督办。${askOr(f.centerPhone, '到中心窗口反映')}`;
  const deadline = row.deadline_at ? zhDate(row.deadline_at) : '';
  switch (row.status as CaseStatus) {
    case 'received':
      return '您的申请已登记，工作人员正在审查，请耐心等待。';
    case 'awaiting_materials': {
      const n = f.missingMaterials.length;
      const what =
        n > 0 ? `所缺的 ${n} 项材料（《补充件通知书》所列）` : '《补充件通知书》所列材料';
      return `请一次性补齐${what}后到窗口办理，材料补齐之日起开始计算办理期限。`;
    }
    case 'in_progress':
      return `正在办理，承诺于 ${deadline} 前办结。`;
    case 'paused':
      return `因${f.pauseReason ?? '特殊情况'}，办理计时暂停，所需时间不计入办理期限；恢复后继续办理。`;
    case 'with_authority':
      return '已报送上级机关审批，本中心正在跟踪，请耐心等待。';
    case 'completed':
      return '已办结。请携带通知书和有效证件到窗口领取办理结果。';
    case 'returned':
      return `申请已退回，理由见《退回件通知书》。${askOr(f.centerPhone, '到窗口咨询')}`;
    case 'answered':
      return '您的咨询已答复。';
  }
}

/** The text a closed case ends with: the result, the reasons of a return, the answer. */
function resultTextOf(
  row: Pick<CaseRow, 'status' | 'result' | 'reasons' | 'answer'>,
): string | null {
  const text =
    row.status === 'completed'
      ? row.result
      : row.status === 'returned'
        ? row.reasons
        : row.status === 'answered'
          ? row.answer
          : '';
  return text === '' ? null : text;
}

/**
 * The case a receipt number and query code open, with the guessing defence below (shared by the
 * query and the rating of a case, so both count against the same address and answer alike).
 */
export const caseByQuery = (
  deps: Pick<Deps, 'db' | 'clock'>,
  ip: string,
  receiptInput: string,
  codeInput: string,
): Promise<CaseRow> => openCase(deps, ip, receiptInput, codeInput, cases.getRow);

/**
 * `caseByQuery`, the case read as `read` reads it once the code is right. An attempt is judged on
 * the failures its address has recorded, read in the same statement as the receipt's code; only a
 * failure is written (counted atomically, so failures at once are all counted), and a right code
 * writes nothing. Both failures, an unknown number and a wrong code, do the same work: that one
 * statement, a constant-time comparison, the failure counted.
 */
async function openCase<T>(
  deps: Pick<Deps, 'db' | 'clock'>,
  ip: string,
  receiptInput: string,
  codeInput: string,
  read: (db: Deps['db'], id: number) => Promise<T | undefined>,
): Promise<T> {
  const throttleKey = `q:${ip}`;
  const now = deps.clock.now();
  const found = await repo.attemptFacts(deps.db, throttleKey, normalizeReceiptNo(receiptInput));
  const wait = waitBefore(QUERY_CODE_POLICY, found, now);
  if (wait > 0) throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: wait } });
  const right = sameSecret(codeInput.replace(/\s+/g, ''), found.query_code ?? NO_CODE);
  if (found.id === null || !right) {
    await countFailure(deps.db, new Map([[throttleKey, QUERY_CODE_POLICY]]), now);
    throw new AppError('QUERY_FAILED');
  }
  const row = await read(deps.db, found.id);
  if (!row) throw new AppError('QUERY_FAILED');
  return row;
}

/**
 * An applicant's case by receipt number and query code (no account). Guessing is throttled per
 * address, never per receipt (QUERY_CODE_POLICY): a receipt is never locked, so nobody can lock an
 * applicant out of his or her case, however many wrong codes others send. Every failure gives the
 * same answer after the same work — the attempt counted, one lookup, one constant-time comparison —
 * whether or not the number exists (test: public.test.ts).
 */
export async function caseStatus(
  deps: Deps,
  ip: string,
  receiptInput: string,
  codeInput: string,
): Promise<PublicCaseStatus> {
  const now = deps.clock.now();
  const row = await openCase(deps, ip, receiptInput, codeInput, repo.caseStatusRow);
  const open = row.status === 'paused' ? row.pauses.find((p) => p.to === null) : undefined;
  const facts: CaseFacts = {
    now,
    // As the overdue sweep sees it (violations/service.ts): a paused clock does not run out.
    overdue:
      (row.status === 'in_progress' || row.status === 'with_authority') &&
      row.deadline_at !== null &&
      row.deadline_at < now,
    // As the supplement notice lists them, each with its remark (营业执照副本（缺少公章）).
    missingMaterials:
      row.status === 'awaiting_materials'
        ? row.materials.map((m) => materialLine(m, row.material_remarks))
        : [],
    pauseReason: open ? PAUSE_REASON_LABELS[open.reason] : null,
    centerPhone: row.center_phone,
  };
  return {
    receiptNo: displayReceiptNo(row.receipt_no),
    centerName: row.center_name,
    itemName: row.item_name ?? row.subject,
    status: row.status as CaseStatus,
    acceptedKind: row.accepted_kind as PublicCaseStatus['acceptedKind'],
    windowName: row.window_name ?? null,
    receivedAt: row.received_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    deadlineDate: row.deadline_at ? shanghaiDateOf(row.deadline_at.getTime()) : null,
    paused: row.status === 'paused',
    closedAt: row.closed_at?.toISOString() ?? null,
    overdue: facts.overdue,
    missingMaterials: facts.missingMaterials,
    pauseReason: facts.pauseReason,
    resultText: resultTextOf(row),
    centerCode: row.center_code,
    centerPhone: row.center_phone,
    message: messageOf(row, facts),
  };
}

// ── 群众门户 What anyone may read about a center ────────────────────────────────────────────────

/** Today and the six days after it. */
const WEEK_DAYS = 7;

export const listCenters = (deps: Deps): Promise<PortalCenterSummary[]> =>
  repo.listCenters(deps.db);

/** A center by its code on the portal (the `?c=` of a QR code), or CENTER_NOT_FOUND. */
export async function centerByCode(deps: Pick<Deps, 'db'>, code: string) {
  const center = await repo.findCenter(deps.db, code);
  if (!center) throw new AppError('CENTER_NOT_FOUND');
  return center;
}

/**
 * A center, how to reach it, and when it is open: today and the week, in Beijing by the server's
 * clock, from its working-day calendar and seasonal hours (a year without a calendar is guessed
 * Monday to Friday, and says so).
 */
export async function center(deps: Deps, code: string): Promise<PortalCenter> {
  const { id, ...found } = await centerByCode(deps, code);
  const { cal, tt } = await loadTermContext(deps.db, id);
  const week = openingDays(cal, tt, deps.clock.now().getTime(), WEEK_DAYS);
  return { ...found, today: week[0]!, week };
}

/** The service guide (办事指南): every active item, with what to bring, where, how long, what fee. */
export async function guide(deps: Deps, code: string): Promise<PortalGuide> {
  const found = await centerByCode(deps, code);
  const [items, windows] = await Promise.all([
    repo.guideItems(deps.db, found.id),
    repo.activeWindows(deps.db, found.id),
  ]);
  return {
    centerName: found.name,
    items: items.map((i) => ({
      code: i.code,
      name: i.name,
      aliases: i.aliases,
      windowUnitName: i.window_unit_name,
      windows: windows
        .filter((w) => w.window_unit_id === i.window_unit_id)
        .map((w) => `${w.number} ${w.name}`),
      kind: i.default_kind,
      promisedDays: i.promised_days,
      legalDays: i.legal_days,
      termUnit: i.default_kind === 'petition' ? 'calendar' : 'working',
      materials: i.materials,
      fees: i.fees,
      appointment: i.appointment,
      homeVisit: i.home_visit,
      ...searchKeys([i.name, ...i.aliases]),
    })),
  };
}
