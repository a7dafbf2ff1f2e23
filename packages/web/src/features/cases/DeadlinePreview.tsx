import { useDeferredValue } from 'react';
import { Tag, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import type { AcceptedKind } from '@bianmin/domain';
import { isApiError } from '../../api/client.ts';
import { useCenterQuery } from '../../api/queries.ts';
import { windowApi, type DeadlinePreview as Preview } from '../../api/window.ts';
import { formatInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.deadlinePreview;

/** A deadline as a clerk says it to the applicant: 2026年3月9日（星期一）17:30. */
export const spokenDeadline = (iso: string) => formatInCenter(iso, 'YYYY年M月D日（dddd）HH:mm');

/** The words of a preview: when, how long, and what is unusual about it. */
export function previewLines(p: Preview): { due: string; term: string; notes: string[] } {
  const term =
    p.kind === 'immediate' || p.termDays === null
      ? L.immediate
      : L.term(p.termDays, L.units[p.unit]);
  const notes: string[] = [];
  if (p.deemedAccepted) notes.push(L.fromReceipt);
  if (p.provisional && p.missingYears.length > 0)
    notes.push(L.provisional(p.missingYears.join(t.caseShared.yearsSeparator)));
  return { due: L.due(spokenDeadline(p.deadlineAt)), term, notes };
}

/**
 * The deadline accepting would give, computed by the server from the center's calendar while the
 * clerk chooses the kind and the term — before anything is confirmed. A term the acceptance would
 * refuse says why, in the server's words.
 */
export function DeadlinePreview({
  caseId,
  itemId,
  kind,
  termDays,
  urgent,
}: {
  caseId?: number;
  itemId?: number;
  kind: AcceptedKind | undefined;
  termDays: number | null | undefined;
  urgent: boolean;
}) {
  // Typing "12" asks once for 12, not for 1 and then 12.
  const input = useDeferredValue({ caseId, itemId, kind, termDays: termDays ?? undefined, urgent });
  const ready =
    input.kind !== undefined && (input.caseId !== undefined || input.itemId !== undefined);
  const q = useCenterQuery(
    (centerId) => ['cases', 'deadline-preview', centerId, input] as const,
    (scope) => windowApi.deadlinePreview(scope, { ...input, kind: input.kind! }),
    { enabled: ready, placeholderData: keepPreviousData, staleTime: 60_000 },
  );
  if (!ready) return null;
  let body;
  if (q.isError)
    body = (
      <Typography.Text type="warning">
        {L.refused}
        {isApiError(q.error) ? (q.error.fields[0]?.message ?? q.error.message) : t.errors.network}
      </Typography.Text>
    );
  else if (!q.data) body = <Typography.Text type="secondary">{L.loading}</Typography.Text>;
  else {
    const lines = previewLines(q.data);
    body = (
      <>
        <strong className="deadline-preview-due">{lines.due}</strong>
        <span className="deadline-preview-term">
          {lines.term}
          {q.data.urgent ? (
            <Tag color="error" className="deadline-preview-urgent">
              {L.urgent}
            </Tag>
          ) : null}
        </span>
        {lines.notes.map((n) => (
          <Typography.Text key={n} type="warning" className="deadline-preview-note">
            {n}
          </Typography.Text>
        ))}
      </>
    );
  }
  return (
    <div
      className={`deadline-preview${q.isFetching ? ' deadline-preview-busy' : ''}`}
      role="status"
      aria-live="polite"
    >
      <span className="deadline-preview-label">
        <ClockCircleOutlined aria-hidden /> {L.label}
      </span>
      {body}
    </div>
  );
}
