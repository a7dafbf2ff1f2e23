import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { SmsPurpose } from '@bianmin/contracts';
import { portalApi, PortalError } from '../api.ts';
import { checkMobile, refusalOf, secondsLeft, type ContactField } from '../booking.ts';
import { Field, MobileField } from '../Field.tsx';
import { Link } from 'react-router';
import { P } from '../strings.ts';

const F = P.form;

/** Focus an element once it is on the page (after React has rendered it). */
export const focusSoon = (ref: RefObject<HTMLElement | null>) =>
  window.setTimeout(() => ref.current?.focus(), 0);

/** Seconds until `untilMs` (0 when null or past), ticking each second while above 0. */
export function useCountdown(untilMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  // The state only makes it tick; the clock is read again so a new countdown starts at its full value.
  const left = untilMs === null ? 0 : secondsLeft(untilMs, Math.max(now, Date.now()));
  useEffect(() => {
    if (untilMs === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= untilMs) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [untilMs]);
  return left;
}

/** Label–value rows, the way the case query shows its result. */
export function Rows({ rows }: { rows: [string, ReactNode, string?][] }) {
  return (
    <dl className="rows">
      {rows
        .filter((r) => r[1] !== null && r[1] !== '')
        .map(([label, value, className]) => (
          <div className="row" key={label}>
            <dt>{label}</dt>
            <dd className={className}>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/**
 * A code (预约码, 查询码), large and on one line: it is read out on the phone and typed in again.
 * A long one is set a little smaller, so it fits a narrow phone in 长辈模式 too.
 */
export function BigCode({
  label,
  code,
  long = false,
}: {
  label: string;
  code: string;
  long?: boolean;
}) {
  return (
    <p className={long ? 'booking-code booking-code-long' : 'booking-code'}>
      <span className="booking-code-label">{label}</span>
      <strong className="nowrap">{code}</strong>
    </p>
  );
}

/** What was typed into the name, mobile and SMS code boxes, and when 获取验证码 may be pressed again. */
export interface Contact {
  name: string;
  phone: string;
  smsCode: string;
  codeSent: boolean;
  resendAt: number | null;
}
export const NO_CONTACT: Contact = {
  name: '',
  phone: '',
  smsCode: '',
  codeSent: false,
  resendAt: null,
};

export type ContactRefs = Record<ContactField, RefObject<HTMLInputElement | null>>;

/** The three boxes' elements, for the form to focus the first one that is wrong. */
export function useContactRefs(): ContactRefs {
  const name = useRef<HTMLInputElement>(null);
  const phone = useRef<HTMLInputElement>(null);
  const smsCode = useRef<HTMLInputElement>(null);
  return { name, phone, smsCode };
}

/**
 * Who is asking: name, mobile, 获取验证码 (counting down the server's `resendAfterSeconds`, or a
 * refusal's `retryAfterSeconds`) and the SMS code. The form around it checks and sends them.
 */
export function ContactFields({
  centerCode,
  purpose,
  contact,
  onChange,
  errors,
  onPhoneError,
  refs,
  nameHint,
  mobileHint,
}: {
  centerCode: string;
  purpose: SmsPurpose;
  contact: Contact;
  onChange: (change: Partial<Contact>) => void;
  errors: Partial<Record<ContactField, string>>;
  /** What is wrong with the mobile, found when asking for a code (undefined: nothing now). */
  onPhoneError: (message: string | undefined) => void;
  refs: ContactRefs;
  nameHint: string;
  mobileHint: string;
}) {
  const ids = useId();
  const [sendError, setSendError] = useState<string | null>(null);
  const wait = useCountdown(contact.resendAt);

  const sendCode = useMutation({
    mutationFn: (mobile: string) => portalApi.smsCode(centerCode, mobile, purpose),
    onSuccess: ({ resendAfterSeconds }) => {
      setSendError(null);
      onChange({ codeSent: true, resendAt: Date.now() + resendAfterSeconds * 1000 });
      focusSoon(refs.smsCode);
    },
    onError: (e) => {
      const r = refusalOf(e, ['phone'] as const);
      onPhoneError(r.fields.phone);
      setSendError(r.general);
      const retry = e instanceof PortalError ? e.details.retryAfterSeconds : undefined;
      onChange({
        codeSent: false,
        ...(typeof retry === 'number' && retry > 0 ? { resendAt: Date.now() + retry * 1000 } : {}),
      });
      if (r.fields.phone) focusSoon(refs.phone);
    },
  });

  const askCode = () => {
    const p = checkMobile(contact.phone);
    if ('error' in p) {
      onPhoneError(p.error);
      focusSoon(refs.phone);
      return;
    }
    onPhoneError(undefined);
    setSendError(null);
    sendCode.mutate(p.value);
  };

  return (
    <>
      <Field
        id={`${ids}-name`}
        label={F.name}
        hint={nameHint}
        error={errors.name}
        inputRef={refs.name}
        value={contact.name}
        onChange={(e) => onChange({ name: e.target.value })}
        autoComplete="name"
        enterKeyHint="next"
        maxLength={50}
      />
      <MobileField
        id={`${ids}-phone`}
        label={F.mobile}
        hint={mobileHint}
        error={errors.phone}
        inputRef={refs.phone}
        value={contact.phone}
        onChange={(e) => onChange({ phone: e.target.value })}
      />
      <button
        type="button"
        className="button button-secondary button-code"
        onClick={askCode}
        disabled={wait > 0 || sendCode.isPending}
      >
        {sendCode.isPending ? F.sendingCode : wait > 0 ? F.resendIn(wait) : F.getCode}
      </button>
      <p className="code-status" role="status">
        {contact.codeSent ? F.codeSent : ''}
      </p>
      {sendError ? (
        <p className="notice notice-bad" role="alert">
          {sendError}
        </p>
      ) : null}
      <Field
        id={`${ids}-sms`}
        label={F.smsCode}
        hint={F.smsCodeHint}
        error={errors.smsCode}
        inputRef={refs.smsCode}
        value={contact.smsCode}
        onChange={(e) => onChange({ smsCode: e.target.value })}
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="one-time-code"
        maxLength={6}
      />
    </>
  );
}

/** A done page's heading, focused when the page opens so a screen reader starts there. */
export function useFocusedHeading() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * A done page opened without what was just sent (reloaded, or typed in): says so and links to where
 * the person can look it up with the code.
 */
export function NothingSent({
  title,
  text,
  to,
  linkText,
}: {
  title: string;
  text: string;
  to: string;
  linkText: string;
}) {
  const headingRef = useFocusedHeading();
  return (
    <>
      <title>{P.pageTitle(title)}</title>
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <p>{text}</p>
      <p>
        <Link className="button" to={to}>
          {linkText}
        </Link>
      </p>
    </>
  );
}

/**
 * The end of a form: a refusal that belongs to no field (announced, and focused when `generalRef`
 * is given, so a screen reader reads it), then the button that sends.
 */
export function FormEnd({
  general,
  generalRef,
  pending,
  label,
  pendingLabel,
}: {
  general: string | null | undefined;
  generalRef?: RefObject<HTMLParagraphElement | null>;
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <>
      {general ? (
        <p
          className="notice notice-bad"
          role="alert"
          ref={generalRef}
          tabIndex={generalRef ? -1 : undefined}
        >
          {general}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
    </>
  );
}
