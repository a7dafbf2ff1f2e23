import type { OutboxMessage, OutboxState } from '../../api/outbox.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.outbox;

/** A state's tag: its Chinese name and Ant Design colour. */
export function stateTag(state: OutboxState): { label: string; color: string } {
  const colors: Record<OutboxState, string> = {
    pending: 'processing',
    sent: 'success',
    failed: 'error',
  };
  return { label: L.states[state] ?? state, color: colors[state] };
}

/** The gateway's name as staff read it; unknown names as they are. */
export const providerLabel = (name: string | null): string | null =>
  name === null ? null : (L.providers[name] ?? name);

/** The line under the state: when it went, or when it is tried next. */
export function stateDetail(
  m: Pick<OutboxMessage, 'state' | 'sentAt' | 'nextAttemptAt'>,
  format: (iso: string) => string,
): string | null {
  if (m.state === 'sent' && m.sentAt) return L.sentAt(format(m.sentAt));
  if (m.state === 'pending' && m.nextAttemptAt) return L.nextAttempt(format(m.nextAttemptAt));
  return null;
}
