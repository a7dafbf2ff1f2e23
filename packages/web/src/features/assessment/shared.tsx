import type { ReactNode } from 'react';
import { Alert, Descriptions, Table, Tag, type DescriptionsProps } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import {
  assessmentApi,
  type Appeal,
  type CreateAppealBody,
  type Finding,
  type PersonSettlement,
  type SettlementLine,
} from '../../api/assessment.ts';
import { lineEffectFen } from '@bianmin/domain';
import { ApiError, isApiError } from '../../api/client.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { formatBytes, levelText, money, settlementSummary, signedMoney } from './format.ts';
import './assessment.css';

const S = t.assessmentShared;

/** A settlement's status, named and coloured with AA contrast (assessment.css). */
export function SettlementStatusTag({ status }: { status: string }) {
  return (
    <Tag className={`settlement-status settlement-status-${status}`}>{S.statuses[status]}</Tag>
  );
}

/**
 * The finding's level (and 通报), whether it went to discipline, and whether it was revoked (unless a
 * status column next to it says so already).
 */
export function FindingTags({ f, showRevoked = true }: { f: Finding; showRevoked?: boolean }) {
  return (
    <span className="finding-tags">
      <Tag className={`finding-level finding-level-${f.circulated ? 'circulated' : 'plain'}`}>
        {f.source === 'overdue_case' ? S.sources.overdue_case : levelText(f.level, f.circulated)}
      </Tag>
      {f.serious ? <Tag className="finding-serious">{S.serious}</Tag> : null}
      {f.revoked && showRevoked ? (
        <Tag className="finding-revoked">{f.voided ? S.voided : S.revoked}</Tag>
      ) : null}
    </span>
  );
}

/** A finding's photos and scans, each a download link; '无' when there are none. */
export function EvidenceLinks({ f }: { f: Finding }) {
  if (f.evidence.length === 0) return <span className="muted">{S.noEvidence}</span>;
  return (
    <ul className="evidence-list">
      {f.evidence.map((e) => (
        <li key={e.id}>
          <a
            href={assessmentApi.evidenceUrl(e.id)}
            download={e.fileName}
            aria-label={S.evidenceLink(e.fileName)}
          >
            <PaperClipOutlined aria-hidden /> {e.fileName}
          </a>
          <span className="muted evidence-size"> {formatBytes(e.sizeBytes)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * How a line moves the amount paid: + adds to it, − takes from it (the same rule as the Excel sheet,
 * `lineEffectFen`); what could not be deducted (carried, written off) is added back, so the lines
 * add up to the amount paid.
 */
const lineEffect = (l: SettlementLine): string => signedMoney(lineEffectFen(l));

const LINE_TONE: Record<SettlementLine['kind'], 'plus' | 'minus' | 'plain'> = {
  pool_month: 'plain',
  adjustment: 'plus',
  forfeit_month: 'minus',
  deduction: 'minus',
  carry_in: 'minus',
  carry_out: 'plain',
  write_off: 'plain',
};

/** Every line of a settlement with its sentence: the answer to "why did I get this amount?". */
export function SettlementLines({
  lines,
  lineAction,
}: {
  lines: readonly SettlementLine[];
  /** An action on each line (e.g. 申诉 on an approved settlement), given the line and its index. */
  lineAction?: (line: SettlementLine, index: number) => ReactNode;
}) {
  const rows = lines.map((l, i) => ({ ...l, key: i }));
  const total = lines.reduce((n, l) => n + lineEffectFen(l), 0);
  return (
    <Table
      className="settlement-lines"
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: S.noLines }}
      summary={() =>
        rows.length === 0 ? null : (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{S.linesTotal}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right" className="money">
              {money(total)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={lineAction ? 2 : 1}>
              {S.linesTotalHint}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
      columns={[
        {
          title: S.lineKind,
          dataIndex: 'kind',
          width: 100,
          render: (k: SettlementLine['kind']) => (
            <Tag className={`line-kind line-kind-${LINE_TONE[k]}`}>{S.lineKinds[k]}</Tag>
          ),
        },
        {
          title: S.lineAmount,
          key: 'amount',
          width: 130,
          align: 'right',
          className: 'money',
          render: (_, l) => lineEffect(l),
        },
        { title: S.lineText, dataIndex: 'text' },
        ...(lineAction
          ? [
              {
                title: t.common.actions,
                key: 'action',
                width: 90,
                render: (_: unknown, l: SettlementLine & { key: number }) => lineAction(l, l.key),
              },
            ]
          : []),
      ]}
    />
  );
}

/**
 * One person's half-year: status, how the amount due comes about, the figures and every line. The
 * heading of the lines is at `level` in the page's outline.
 */
export function SettlementDetail({
  p,
  headingLevel = 3,
  extra,
  lineAction,
}: {
  p: PersonSettlement;
  headingLevel?: 2 | 3 | 4;
  extra?: ReactNode;
  lineAction?: (line: SettlementLine, index: number) => ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  const figures: DescriptionsProps['items'] = [
    { key: 'pool', label: S.money.pool, children: money(p.poolFen) },
    { key: 'in', label: S.money.carriedIn, children: money(p.carriedInFen) },
    { key: 'applied', label: S.money.applied, children: money(p.appliedFen) },
    { key: 'adj', label: S.money.adjustment, children: signedMoney(p.adjustmentFen) },
    { key: 'out', label: S.money.carriedOut, children: money(p.carriedOutFen) },
    { key: 'off', label: S.money.writtenOff, children: money(p.writtenOffFen) },
    {
      key: 'payable',
      label: S.money.payable,
      children: <strong className="payable">{money(p.payableFen)}</strong>,
    },
  ];
  return (
    <div className="settlement-detail">
      <p className="settlement-state">
        <SettlementStatusTag status={p.status} />
        <span>{S.statusHints[p.status]}</span>
        {p.approvedByName && p.approvedAt ? (
          <span className="muted">
            {S.approvedBy(p.approvedByName, formatDateTime(p.approvedAt))}
          </span>
        ) : null}
        {extra}
      </p>
      {p.refusal ? (
        <Alert type="warning" showIcon title={t.myAssessment.refused(p.refusal.message)} />
      ) : (
        <>
          <ul className="settlement-summary">
            {settlementSummary(p).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <Descriptions
            className="settlement-figures"
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={figures}
          />
          <Heading className="settlement-lines-title">{S.linesTitle}</Heading>
          <SettlementLines lines={p.lines} {...(lineAction ? { lineAction } : {})} />
        </>
      )}
    </div>
  );
}

/** An appeal's state, named; decided ones in the colour of what they mean for the money. */
export function AppealStatusTag({ status }: { status: Appeal['status'] }) {
  const tone =
    status === 'pending'
      ? 'settlement-status-draft'
      : status === 'upheld'
        ? 'finding-level-circulated'
        : 'settlement-status-approved';
  return <Tag className={tone}>{t.appeals.outcomes[status]}</Tag>;
}

/** Files an appeal; when the term is over, the message says until when it ran. */
export async function fileAppeal(body: CreateAppealBody): Promise<Appeal> {
  try {
    return await assessmentApi.appeals.file(body);
  } catch (e) {
    const lastDay = isApiError(e) ? e.details.lastDay : undefined;
    if (isApiError(e) && e.code === 'APPEAL_TERM_EXPIRED' && typeof lastDay === 'string')
      throw new ApiError({
        status: e.status,
        code: e.code,
        message: t.myAssessment.expired(lastDay),
        details: e.details,
        requestId: e.requestId,
      });
    throw e;
  }
}

/** The reasons of an appeal (申诉理由), with a hint on what to write. */
export function AppealReasonItem({ extra }: { extra: ReactNode }) {
  return (
    <TextAreaItem
      label={t.myAssessment.reason}
      name="reason"
      max={2000}
      rows={5}
      showCount
      extra={extra}
    />
  );
}
