import type { OutboxMessage, OutboxPage, OutboxState } from '@bianmin/contracts';
import { maskPhone } from '@bianmin/domain';
import { systemActor, write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import type { SendResult, SmsProvider } from './providers/index.ts';
import * as repo from './repository.ts';
import {
  hasSecret,
  isTemplateKey,
  maskedText,
  maskSecrets,
  renderTemplate,
  templateName,
  templateOf,
  type TemplateKey,
} from './templates.ts';

/** A try that failed is tried again after 1, 2, 4, 8, 16 minutes; the sixth failure is final. */
export const MAX_ATTEMPTS = 6;
export const backoffMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);
/** How long a claimed message is held by the worker that claimed it (then another may claim it). */
export const LEASE_MS = 2 * 60_000;

/** The field names of a mobile number, as the applicant reads them. */
export const MOBILE_LABELS = { phone: '手机号码' } as const;

/** A mainland mobile number as typed (spaces, dashes, +86 allowed), or null when it is none. */
export function mainlandMobile(raw: string): string | null {
  const value = raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(value) ? value : null;
}

export interface OutboxMessageInput {
  centerId: number | null;
  /** The mobile number. */
  to: string;
  template: TemplateKey;
  params: Record<string, string>;
  /** What the message reports: ('booking', 12). */
  subject?: { type: string; id: string | number };
  /** A message with a key already queued is not queued again (a reminder goes out once). */
  dedupeKey?: string;
  /** Not sent before this instant (a reminder the day before). */
  notBefore?: Date;
}

/**
 * Queues a text message in the caller's transaction: it is stored (and later sent) only if the
 * change it reports is. The audit entry shows the number masked and no secret. With a dedupe key
 * that is already queued, nothing happens (and nothing is audited). A number that is not a mainland
 * mobile is refused on the field `phone`; an unknown parameter or a missing one is a programming
 * error.
 */
export async function enqueue(
  tx: Tx,
  audit: Audit,
  at: Date,
  msg: OutboxMessageInput,
): Promise<void> {
  const to = mainlandMobile(msg.to);
  if (to === null) throw fieldError('SMS_MOBILE_REQUIRED', 'phone', MOBILE_LABELS);
  const body = renderTemplate(msg.template, msg.params);
  const subject = msg.subject ? { type: msg.subject.type, id: String(msg.subject.id) } : null;
  const id = await repo.insertMessage(tx, {
    center_id: msg.centerId,
    recipient: to,
    template: msg.template,
    params: JSON.stringify(msg.params),
    body,
    subject_type: subject?.type ?? null,
    subject_id: subject?.id ?? null,
    dedupe_key: msg.dedupeKey ?? null,
    next_attempt_at: msg.notBefore && msg.notBefore > at ? msg.notBefore : at,
    created_at: at,
  });
  if (id === undefined) return;
  await audit({
    centerId: msg.centerId,
    action: 'outbox.enqueue',
    entityType: 'outbox_message',
    entityId: id,
    before: null,
    after: {
      to: maskPhone(to),
      template: msg.template,
      params: maskSecrets(msg.template, msg.params),
      subject,
      dedupeKey: msg.dedupeKey ?? null,
      notBefore: msg.notBefore?.toISOString() ?? null,
    },
  });
}

// ── The worker ──────────────────────────────────────────────────────────────

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
}

/** The outcome was not recorded: another worker claimed the message after this one's lease ran out. */
class Superseded extends Error {}

const clip = (s: string) => (s.length > 500 ? `${s.slice(0, 499)}…` : s);

/** One try: a message worth nothing any more (an expired code) is given up, not sent late. */
async function attempt(
  provider: SmsProvider,
  row: repo.MessageRow,
  now: Date,
): Promise<SendResult> {
  if (!isTemplateKey(row.template))
    return { ok: false, error: `unknown template ${row.template}`, retry: false };
  const validMinutes = templateOf(row.template).validMinutes?.(row.params);
  if (
    validMinutes !== undefined &&
    row.created_at.getTime() + validMinutes * 60_000 <= now.getTime()
  )
    return { ok: false, error: '已过有效期，不再发送', retry: false };
  try {
    return await provider.send({
      to: row.recipient,
      template: row.template,
      params: row.params,
      body: row.body,
    });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), retry: true };
  }
}

/** Records the outcome of a try, audited as the system, unless the claim was lost meanwhile. */
async function record(
  deps: Deps,
  provider: SmsProvider,
  claimed: repo.MessageRow,
  result: SendResult,
): Promise<keyof SendReport | null> {
  try {
    return await write(deps.db, deps.clock, systemActor, async (tx, audit, at) => {
      const row = await repo.getMessage(tx, claimed.id, true);
      if (!row || row.state !== 'pending' || row.attempts !== claimed.attempts)
        throw new Superseded();
      const entry = (action: string, after: object) =>
        audit({
          centerId: row.center_id,
          action,
          entityType: 'outbox_message',
          entityId: row.id,
          before: null,
          after: { to: maskPhone(row.recipient), template: row.template, ...after },
        });
      const final = result.ok || !result.retry || row.attempts >= MAX_ATTEMPTS;
      // A secret (a code) that went to a real gateway, or will never go, is not kept.
      const scrub =
        final && provider.name !== 'log' && hasSecret(row.template)
          ? {
              params: JSON.stringify(maskSecrets(row.template, row.params, '')),
              body: maskedText(row.template, row.params, row.body),
            }
          : {};
      if (result.ok) {
        await repo.updateMessage(tx, row.id, {
          state: 'sent',
          sent_at: at,
          provider: provider.name,
          provider_message_id: result.id ?? null,
          last_error: null,
          ...scrub,
        });
        await entry('outbox.sent', {
          attempts: row.attempts,
          provider: provider.name,
          providerMessageId: result.id ?? null,
        });
        return 'sent';
      }
      const error = clip(result.error);
      if (!final) {
        const next = new Date(at.getTime() + backoffMs(row.attempts));
        await repo.updateMessage(tx, row.id, {
          next_attempt_at: next,
          last_error: error,
          provider: provider.name,
        });
        await entry('outbox.attempt_failed', {
          attempts: row.attempts,
          provider: provider.name,
          error,
          nextAttemptAt: next.toISOString(),
        });
        return 'retried';
      }
      await repo.updateMessage(tx, row.id, {
        state: 'failed',
        last_error: error,
        provider: provider.name,
        ...scrub,
      });
      await entry('outbox.failed', { attempts: row.attempts, provider: provider.name, error });
      return 'failed';
    });
  } catch (e) {
    if (e instanceof Superseded) return null;
    throw e;
  }
}

/**
 * One step of the sending worker: claims the due messages (a short transaction that sets a lease),
 * sends each through the gateway with no transaction open, and records each outcome in a
 * transaction of its own: sent, tried again later (1, 2, 4, 8, 16 minutes) or failed.
 */
export async function sendDue(deps: Deps, provider: SmsProvider, batch = 20): Promise<SendReport> {
  const now = deps.clock.now();
  const claimed = await repo.claimDue(deps.db, now, new Date(now.getTime() + LEASE_MS), batch);
  const report: SendReport = { sent: 0, retried: 0, failed: 0 };
  for (const row of claimed) {
    const result = await attempt(provider, row, deps.clock.now());
    const outcome = await record(deps, provider, row, result);
    if (outcome) report[outcome] += 1;
  }
  return report;
}

// ── 短信记录 (staff) ────────────────────────────────────────────────────────

/**
 * A message as staff read it: the number masked; a secret (a code) masked too, unless nothing left
 * the building (the log gateway: the demo's phone is this page).
 */
function messageView(row: repo.MessageRow, providerIsLog: boolean): OutboxMessage {
  const inClear = providerIsLog && (row.provider === null || row.provider === 'log');
  return {
    id: row.id,
    centerId: row.center_id,
    createdAt: row.created_at.toISOString(),
    recipientMasked: maskPhone(row.recipient),
    template: row.template,
    templateName: templateName(row.template),
    text: inClear ? row.body : maskedText(row.template, row.params, row.body),
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at.toISOString() : null,
    lastError: row.last_error,
    provider: row.provider,
    sentAt: row.sent_at?.toISOString() ?? null,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    retryable: row.state === 'failed' && !hasSecret(row.template),
  };
}

const providerIsLog = (deps: Deps) => deps.config.sms.provider === 'log';

export async function list(
  deps: Deps,
  centerId: number,
  q: { state?: OutboxState; page: number; pageSize: number },
): Promise<OutboxPage> {
  const { rows, total } = await repo.listMessages(deps.db, centerId, q);
  const log = providerIsLog(deps);
  return { items: rows.map((r) => messageView(r, log)), total, providerIsLog: log };
}

/** Sends a failed message again from the start (a full round of tries); never a code. */
export function retry(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
): Promise<OutboxMessage> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const row = await repo.getMessage(tx, id, true);
    if (!row || !inScope(user, row.center_id)) throw new AppError('NOT_FOUND');
    if (row.state !== 'failed') throw new AppError('OUTBOX_NOT_FAILED');
    if (hasSecret(row.template)) throw new AppError('OUTBOX_CODE_NOT_RESENT');
    await repo.updateMessage(tx, row.id, { state: 'pending', attempts: 0, next_attempt_at: at });
    await audit({
      centerId: row.center_id,
      action: 'outbox.retry',
      entityType: 'outbox_message',
      entityId: row.id,
      before: { state: row.state, attempts: row.attempts, lastError: row.last_error },
      after: { state: 'pending', attempts: 0 },
    });
    return messageView((await repo.getMessage(tx, row.id))!, providerIsLog(deps));
  });
}
