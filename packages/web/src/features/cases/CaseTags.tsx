import { Tag, Tooltip, Typography } from 'antd';
import { ACCEPTED_KIND_LABELS, CASE_STATUS_LABELS } from '@bianmin/contracts';
import type { AcceptedKind, CaseStatus } from '@bianmin/domain';
import type { CaseSummary, Light } from '../../api/cases.ts';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  awaitingCountdown,
  countdown,
  type CaseClockInput,
  type WorkingClock,
} from './countdown.ts';

const S = t.caseShared;

const STATUS_COLORS: Record<CaseStatus, string> = {
  received: 'processing',
  answered: 'success',
  awaiting_materials: 'warning',
  returned: 'default',
  in_progress: 'processing',
  paused: 'default',
  with_authority: 'processing',
  completed: 'success',
};

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CASE_STATUS_LABELS[status]}</Tag>;
}

const LIGHT_COLORS: Record<Light, string> = {
  green: 'success',
  yellow: 'warning',
  red: 'error',
  paused: 'default',
};

/** The early-warning light, always with its word (never colour alone). */
export function LightTag({ light }: { light: Light }) {
  return (
    <Tooltip title={S.lightHints[light]}>
      <Tag color={LIGHT_COLORS[light]} className={`light-tag light-${light}`}>
        {S.lights[light]}
      </Tag>
    </Tooltip>
  );
}

/** 即办件 / 承诺件 … with 加急 and 联办件 marks; "待分类" before classification. */
export function KindTags({
  kind,
  urgent,
  joint = false,
}: {
  kind: AcceptedKind | null;
  urgent: boolean;
  joint?: boolean;
}) {
  return (
    <span className="case-tags">
      {kind ? <Tag>{ACCEPTED_KIND_LABELS[kind]}</Tag> : null}
      {urgent ? <Tag color="error">{S.urgent}</Tag> : null}
      {joint ? <Tag color="processing">{S.joint}</Tag> : null}
    </span>
  );
}

/**
 * The light and the time left, live: "黄牌 剩余 3 小时 20 分钟" — marked 加急 for an urgent case —
 * and under it what the case awaits outside its term (a petition decision, the higher authority).
 */
export function CountdownCell({
  c,
  now,
  clock,
}: {
  c: CaseClockInput;
  now: number;
  clock: WorkingClock | null;
}) {
  const term = <TermCountdown c={c} now={now} clock={clock} />;
  if (!c.awaiting || countdown(c, now, clock) === null) return term;
  return (
    <span className="countdown-stack">
      {term}
      <AwaitingLine c={c} now={now} />
    </span>
  );
}

function TermCountdown({
  c,
  now,
  clock,
}: {
  c: CaseClockInput;
  now: number;
  clock: WorkingClock | null;
}) {
  const cd = countdown(c, now, clock);
  if (!cd)
    return c.awaiting ? (
      <AwaitingLine c={c} now={now} />
    ) : (
      <span className="countdown-none">{t.common.none}</span>
    );
  if (cd.light === 'paused')
    return (
      <Tooltip title={S.lightHints.paused}>
        <Tag className="light-tag light-paused">{cd.text}</Tag>
      </Tooltip>
    );
  return (
    <span className="countdown">
      <LightTag light={cd.light} />
      {c.urgent ? (
        <Tag color="error" className="countdown-urgent">
          {S.urgent}
        </Tag>
      ) : null}
      <span className={`countdown-text countdown-${cd.tone}`}>{cd.text}</span>
    </span>
  );
}

/**
 * What the case awaits outside its own term, with its light and time left: "受理决定：剩余 3 天",
 * "上级答复：已超期 2 天". Nothing when it awaits nothing.
 */
export function AwaitingLine({ c, now }: { c: Pick<CaseClockInput, 'awaiting'>; now: number }) {
  const a = c.awaiting;
  const cd = a ? awaitingCountdown(a, now) : null;
  if (!a || !cd || cd.light === 'paused') return null;
  return (
    <Tooltip title={S.awaitingHints[a.what]}>
      <span className="countdown countdown-awaiting">
        <LightTag light={cd.light} />
        <span className={`countdown-text countdown-${cd.tone}`}>
          {S.awaitingLine(S.awaiting[a.what], cd.text)}
        </span>
      </span>
    </Tooltip>
  );
}

/** The deadline, date and time, marked 暂定 when the calendar lacked a year it crosses. */
export function DeadlineText({
  deadlineAt,
  provisional,
  missingYears = [],
  note = false,
}: {
  deadlineAt: string | null;
  provisional: boolean;
  missingYears?: readonly number[];
  /** Say in words which years are missing (the detail page), not only in the tooltip. */
  note?: boolean;
}) {
  if (!deadlineAt) return <>{t.common.none}</>;
  return (
    <span className="deadline">
      <span className="nowrap">{formatDateTime(deadlineAt)}</span>
      {provisional ? (
        <Tooltip
          title={
            missingYears.length > 0
              ? S.provisionalHint(missingYears.join(S.yearsSeparator))
              : undefined
          }
        >
          <Tag color="warning" className="provisional-tag">
            {S.provisional}
          </Tag>
        </Tooltip>
      ) : null}
      {note && provisional && missingYears.length > 0 ? (
        <Typography.Text type="secondary" className="deadline-note">
          {S.provisionalHint(missingYears.join(S.yearsSeparator))}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** What the case is about: the catalog item, or the question asked. */
export function caseTitle(c: Pick<CaseSummary, 'itemName' | 'subject'>): string {
  return c.itemName ?? (c.subject || S.noItem);
}

/** Who holds the case: a person (and window), or the business section. */
export function holderText(
  c: Pick<CaseSummary, 'holderName' | 'windowName' | 'atBusinessSection'>,
): string {
  if (c.atBusinessSection) return S.businessSection;
  if (c.holderName) return c.windowName ? `${c.holderName}（${c.windowName}）` : c.holderName;
  return c.windowName ?? t.common.none;
}

/** The unit of a case's term: calendar days for a petition, working days otherwise. */
export function termUnit(kind: AcceptedKind | null): string {
  return kind === 'petition' ? t.caseDetail.calendarDayUnit : t.caseDetail.workingDayUnit;
}
