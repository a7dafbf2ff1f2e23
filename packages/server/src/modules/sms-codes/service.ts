import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { SmsPurpose } from '@bianmin/contracts';
import { maskPhone } from '@bianmin/domain';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Clock } from '../../clock.ts';
import type { Selectable } from 'kysely';
import type { SmsCodesTable } from '../../db/schema.ts';
import type { Deps } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { enqueue, mainlandMobile, MOBILE_LABELS } from '../outbox/service.ts';
import { centerByCode } from '../public/service.ts';
import * as repo from './repository.ts';

/** A code is valid this long, may be tried this often, and one is sent at most this often. */
export const CODE_MINUTES = 5;
export const MAX_TRIES = 5;
export const RESEND_SECONDS = 60;
/** At most this many codes per phone and purpose in any 24 hours. */
export const DAILY_LIMIT = 10;
const DAY_MS = 24 * 3_600_000;

type CodeRow = Selectable<SmsCodesTable>;

export interface CodeRequest {
  phone: string;
  purpose: SmsPurpose;
  centerId: number | null;
}

export interface CodeCheck {
  phone: string;
  purpose: SmsPurpose;
  code: string;
}

/** Who asks for a code or types one: an applicant on the portal, known by address only. */
export const applicantActor = (ip: string, requestId: string | null = null): Actor => ({
  userId: null,
  name: '办事人（群众门户）',
  ip,
  requestId,
});

const hashOf = (salt: string, code: string) =>
  createHmac('sha256', salt).update(code.trim()).digest('hex');

function phoneOf(raw: string): string {
  const phone = mainlandMobile(raw);
  if (phone === null) throw fieldError('SMS_MOBILE_REQUIRED', 'phone', MOBILE_LABELS);
  return phone;
}

function tooMany(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const wait = seconds <= 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 3600)} 小时`;
  const message = `获取验证码过于频繁，请 ${wait}后再试`;
  return new AppError('SMS_TOO_MANY', {
    message,
    fields: [
      { field: 'phone', code: 'SMS_TOO_MANY', message: `${MOBILE_LABELS.phone}：${message}` },
    ],
    details: { retryAfterSeconds: seconds },
  });
}

/**
 * Sends a six-digit code to a mobile number, valid five minutes; only its salted hash is kept, and
 * the text message is queued in the same transaction. At most one code a minute and ten a day per
 * number and purpose (beyond: 429 SMS_TOO_MANY on the field `phone`); the per-address limit is the
 * route's. The answer is the same for any number: nothing tells whether it is known here.
 */
export function requestCode(
  deps: Deps,
  ip: string,
  input: CodeRequest,
  requestId: string | null = null,
): Promise<{ resendAfterSeconds: number }> {
  const phone = phoneOf(input.phone);
  return write(deps.db, deps.clock, applicantActor(ip, requestId), async (tx, audit, at) => {
    await repo.lockPhone(tx, phone, input.purpose);
    const recent = await repo.sentSince(tx, phone, input.purpose, new Date(at.getTime() - DAY_MS));
    if (recent.last && at.getTime() - recent.last.getTime() < RESEND_SECONDS * 1000)
      throw tooMany(recent.last.getTime() + RESEND_SECONDS * 1000 - at.getTime());
    if (Number(recent.n) >= DAILY_LIMIT && recent.first)
      throw tooMany(recent.first.getTime() + DAY_MS - at.getTime());
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    const expiresAt = new Date(at.getTime() + CODE_MINUTES * 60_000);
    const id = await repo.insertCode(tx, {
      phone,
      purpose: input.purpose,
      center_id: input.centerId,
      code_hash: hashOf(salt, code),
      salt,
      created_at: at,
      expires_at: expiresAt,
      request_ip: ip,
    });
    await audit({
      centerId: input.centerId,
      action: 'sms_code.issue',
      entityType: 'sms_code',
      entityId: id,
      before: null,
      after: {
        phone: maskPhone(phone),
        purpose: input.purpose,
        expiresAt: expiresAt.toISOString(),
      },
    });
    await enqueue(tx, audit, at, {
      centerId: input.centerId,
      to: phone,
      template: 'verify_code',
      params: { code, minutes: String(CODE_MINUTES) },
      subject: { type: 'sms_code', id },
    });
    return { resendAfterSeconds: RESEND_SECONDS };
  });
}

/** The portal's request: the center by its code, then `requestCode`. */
export async function requestCodeAt(
  deps: Deps,
  ip: string,
  body: { centerCode: string; phone: string; purpose: SmsPurpose },
  requestId: string | null = null,
) {
  const center = await centerByCode(deps, body.centerCode);
  return requestCode(
    deps,
    ip,
    { phone: body.phone, purpose: body.purpose, centerId: center.id },
    requestId,
  );
}

const expired = () => fieldError('SMS_CODE_EXPIRED', 'smsCode');

function wrong(triesLeft: number): AppError {
  const message =
    triesLeft > 0
      ? `短信验证码不正确，还可以再试 ${triesLeft} 次`
      : '短信验证码不正确，该验证码已失效，请重新获取';
  return new AppError('SMS_CODE_WRONG', {
    message,
    fields: [{ field: 'smsCode', code: 'SMS_CODE_WRONG', message: `短信验证码：${message}` }],
  });
}

/**
 * Counts a try on the latest code of a phone and purpose, refusing (SMS_CODE_EXPIRED) when there is
 * none, or it is used, expired or out of tries. Answers the code with the try counted.
 */
async function takeTry(tx: Tx, at: Date, check: CodeCheck): Promise<CodeRow> {
  const row = await repo.latestCode(tx, phoneOf(check.phone), check.purpose);
  if (!row || row.used_at !== null || row.expires_at <= at || row.tries >= MAX_TRIES)
    throw expired();
  await repo.countTry(tx, row.id);
  return { ...row, tries: row.tries + 1 };
}

/** Compares in constant time (both sides are HMACs of one length) and uses the code: once. */
async function useIfRight(tx: Tx, at: Date, row: CodeRow, code: string): Promise<void> {
  const right = timingSafeEqual(
    Buffer.from(hashOf(row.salt, code), 'hex'),
    Buffer.from(row.code_hash, 'hex'),
  );
  if (!right) throw wrong(MAX_TRIES - row.tries);
  await repo.markUsed(tx, row.id, at);
}

/**
 * Checks a code in the caller's transaction: the latest code of the phone and purpose, unused, not
 * expired, fewer than five tries. Each try counts; a right code is used (once). Refusals:
 * SMS_CODE_WRONG on `smsCode` with the tries left, SMS_CODE_EXPIRED (ask for a new code).
 *
 * A wrong try is counted in `tx`: it stays counted only if `tx` commits. An action refused on a
 * wrong code rolls back, so public routes use `withSmsCode`, which counts the try first in a
 * transaction of its own.
 */
export async function checkCode(tx: Tx, clock: Clock, check: CodeCheck): Promise<void> {
  const at = clock.now();
  await useIfRight(tx, at, await takeTry(tx, at, check), check.code);
}

/**
 * An action that needs a code (a booking, a rating): the try is counted and committed first (so a
 * wrong code counts, however many requests come at once: each waits for the code's lock and sees
 * the tries before it), then the code is compared and used in one transaction with the action: if
 * the action is refused, the code stays unused for the next try.
 */
export async function withSmsCode<T>(
  deps: Deps,
  actor: Actor,
  check: CodeCheck,
  fn: (tx: Tx, audit: Audit, at: Date) => Promise<T>,
): Promise<T> {
  const taken = await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const row = await takeTry(tx, at, check);
    await audit({
      centerId: row.center_id,
      action: 'sms_code.try',
      entityType: 'sms_code',
      entityId: row.id,
      before: null,
      after: { phone: maskPhone(row.phone), purpose: row.purpose, tries: row.tries },
    });
    return row;
  });
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const row = await repo.getCode(tx, taken.id);
    if (!row || row.used_at !== null || row.expires_at <= at) throw expired();
    await useIfRight(tx, at, row, check.code);
    return fn(tx, audit, at);
  });
}
