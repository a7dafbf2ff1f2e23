import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { OnlineReportReceipt, PortalCenter } from '@bianmin/contracts';
import { portalApi, serverNow } from '../api.ts';
import { refusalOf, searchWith, SMS_CODE_REFUSALS, type Refusal } from '../booking.ts';
import { WithCenter } from '../center.tsx';
import { Field, TextAreaField } from '../Field.tsx';
import { beijingDate } from '../hours.ts';
import {
  ABOUT_MAX,
  checkReport,
  DETAILS_MAX,
  displayTrackingCode,
  REPORT_FIELDS,
  timeText,
  type ReportField,
} from '../report.ts';
import { P } from '../strings.ts';
import {
  BigCode,
  ContactFields,
  focusSoon,
  NO_CONTACT,
  Rows,
  useContactRefs,
  type Contact,
  NothingSent,
  useFocusedHeading,
  FormEnd,
} from './form-parts.tsx';

const R = P.report;

/** What the receipt screen is given (in the page's history entry, never in its address). */
export interface ReportedState {
  receipt: OnlineReportReceipt;
}

/**
 * 投诉举报, any hour, no account: 实名 (name and a mobile confirmed by an SMS code; the result comes
 * by SMS) or 匿名 (nothing about the person; the tracking code is the only way back), what happened,
 * and optionally whom it is about and when.
 */
export default function ReportPage() {
  return <WithCenter>{(center) => <Report center={center} />}</WithCenter>;
}

function Report({ center }: { center: PortalCenter }) {
  const ids = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const [anonymous, setAnonymous] = useState(false);
  const [contact, setContact] = useState<Contact>(NO_CONTACT);
  const [details, setDetails] = useState('');
  const [about, setAbout] = useState('');
  const [occurredOn, setOccurredOn] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ReportField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const contactRefs = useContactRefs();
  const detailsRef = useRef<HTMLTextAreaElement>(null);
  const aboutRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const generalRef = useRef<HTMLParagraphElement>(null);
  const refs = { ...contactRefs, details: detailsRef, about: aboutRef, occurredOn: dateRef };
  const today = beijingDate(serverNow());

  const showRefusal = (r: Refusal<ReportField>) => {
    setErrors(r.fields);
    setGeneral(r.general);
    const first = REPORT_FIELDS.find((f) => r.fields[f]);
    focusSoon(first ? refs[first] : generalRef);
  };

  const send = useMutation({
    mutationFn: portalApi.report,
    onSuccess: (receipt) => {
      const c = new URLSearchParams(location.search).get('c');
      void navigate(
        { pathname: '/report/done', search: c ? searchWith('', { c }) : '' },
        { replace: true, state: { receipt } satisfies ReportedState },
      );
    },
    onError: (e) => showRefusal(refusalOf(e, REPORT_FIELDS, SMS_CODE_REFUSALS, R.failed)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkReport(
      center.code,
      { anonymous, ...contact, details, about, occurredOn },
      today,
    );
    if ('errors' in checked)
      return showRefusal({ code: 'VALIDATION_FAILED', fields: checked.errors, general: null });
    setErrors({});
    setGeneral(null);
    send.mutate(checked.body);
  };

  const choose = (anon: boolean) => {
    setAnonymous(anon);
    setErrors((was) => ({ ...was, name: undefined, phone: undefined, smsCode: undefined }));
  };
  const mode = (anon: boolean, name: string, hint: string) => (
    <label className="mode">
      <input
        type="radio"
        name={`${ids}-mode`}
        checked={anonymous === anon}
        onChange={() => choose(anon)}
        aria-labelledby={`${ids}-${name}`}
        aria-describedby={`${ids}-${name}-hint`}
      />
      <span className="mode-text">
        <strong id={`${ids}-${name}`}>{anon ? R.anonymous : R.named}</strong>
        <span className="hint" id={`${ids}-${name}-hint`}>
          {hint}
        </span>
      </span>
    </label>
  );

  return (
    <>
      <title>{P.pageTitle(R.title, center.name)}</title>
      <h1>{R.title}</h1>
      <div className="notice report-intro">
        {R.intro.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {center.phone ? (
          <p>
            {R.byPhone}
            <a className="nowrap big-link" href={`tel:${center.phone}`}>
              {center.phone}
            </a>
          </p>
        ) : null}
      </div>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="modes">
          <legend>{R.who}</legend>
          {mode(false, 'named', R.namedHint)}
          {mode(true, 'anonymous', R.anonymousHint)}
        </fieldset>
        {anonymous ? null : (
          <ContactFields
            centerCode={center.code}
            purpose="report"
            contact={contact}
            onChange={(change) => setContact((was) => ({ ...was, ...change }))}
            errors={errors}
            onPhoneError={(phone) => setErrors((was) => ({ ...was, phone }))}
            refs={contactRefs}
            nameHint={R.nameHint}
            mobileHint={R.mobileHint}
          />
        )}
        <TextAreaField
          id={`${ids}-details`}
          label={R.details}
          hint={R.detailsHint}
          error={errors.details}
          textareaRef={detailsRef}
          count={R.count(details.length, DETAILS_MAX)}
          value={details}
          onChange={(e) => setDetails(e.target.value)}
          maxLength={DETAILS_MAX}
          rows={6}
        />
        <Field
          id={`${ids}-about`}
          label={R.about}
          hint={R.aboutHint}
          error={errors.about}
          inputRef={aboutRef}
          value={about}
          onChange={(e) => setAbout(e.target.value)}
          maxLength={ABOUT_MAX}
        />
        <Field
          id={`${ids}-date`}
          label={R.occurredOn}
          hint={R.occurredOnHint}
          error={errors.occurredOn}
          inputRef={dateRef}
          value={occurredOn}
          onChange={(e) => setOccurredOn(e.target.value)}
          type="date"
          max={today}
        />
        <FormEnd
          general={general}
          generalRef={generalRef}
          pending={send.isPending}
          label={R.submit}
          pendingLabel={R.submitting}
        />
      </form>
      <p>
        <Link className="big-link" to="/report/track">
          {R.trackTitle}
        </Link>
      </p>
    </>
  );
}

/** The receipt: the tracking code, when it was received, by when it is dealt with, how the answer comes. */
export function ReportedPage() {
  const location = useLocation();
  const receipt = (location.state as Partial<ReportedState> | null)?.receipt;
  const headingRef = useFocusedHeading();
  if (!receipt)
    return (
      <NothingSent title={R.title} text={R.noDone} to="/report/track" linkText={R.trackTitle} />
    );
  const code = displayTrackingCode(receipt.trackingCode);
  return (
    <article>
      <title>{P.pageTitle(R.doneTitle, receipt.centerName)}</title>
      <h1 ref={headingRef} tabIndex={-1}>
        {R.doneTitle}
      </h1>
      <div className="card">
        <BigCode label={R.code} code={code} long />
        <p>
          <strong>{R.codeKeep}</strong>
        </p>
        <CopyButton text={code} />
        <Rows rows={[[R.receivedAt, timeText(receipt.receivedAt)]]} />
        <p className="notice">
          <strong>{receipt.decideBy ? R.decideBy(receipt.decideBy) : R.intro[2]}</strong>
        </p>
        <p>{receipt.smsReply ? R.smsReply : R.noSms}</p>
      </div>
      <p>
        <Link
          className="button"
          to={{ pathname: '/report/track', search: searchWith('', { code }) }}
        >
          {R.toTrack}
        </Link>
      </p>
      <p>
        <Link className="big-link" to="/">
          {P.toHome}
        </Link>
      </p>
    </article>
  );
}

/** 复制查询码, where the browser lets a page copy (a secure page); else nothing to press. */
function CopyButton({ text }: { text: string }) {
  const [said, setSaid] = useState<{ text: string; bad: boolean } | null>(null);
  if (typeof navigator.clipboard?.writeText !== 'function') return null;
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setSaid({ text: R.copied, bad: false }),
      () => setSaid({ text: R.copyFailed, bad: true }),
    );
  return (
    <>
      <button type="button" className="button button-secondary button-copy" onClick={copy}>
        {R.copy}
      </button>
      <p className={said?.bad ? 'code-status code-status-bad' : 'code-status'} role="status">
        {said?.text ?? ''}
      </p>
    </>
  );
}
