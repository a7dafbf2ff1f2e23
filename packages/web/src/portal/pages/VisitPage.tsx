import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { PortalCenter, VisitCategoryValue, VisitReceipt } from '@bianmin/contracts';
import { VISIT_CATEGORIES } from '@bianmin/domain';
import { portalApi } from '../api.ts';
import { refusalOf, searchWith, SMS_CODE_REFUSALS, type Refusal } from '../booking.ts';
import { WithCenter } from '../center.tsx';
import { Field, TextAreaField } from '../Field.tsx';
import { Failed, Loading } from '../Layout.tsx';
import { P } from '../strings.ts';
import {
  ADDRESS_MAX,
  checkVisit,
  displayVisitCode,
  ITEM_MAX,
  MAX_DATES,
  REASON_MAX,
  toggleDate,
  VISIT_FIELDS,
  type VisitField,
} from '../visit.ts';
import {
  BigCode,
  ContactFields,
  focusSoon,
  NO_CONTACT,
  useContactRefs,
  type Contact,
  NothingSent,
  useFocusedHeading,
  FormEnd,
} from './form-parts.tsx';
import { useGuide } from './GuidePage.tsx';

const V = P.visit;

/** What the receipt screen is given (in the page's history entry, never in its address). */
export interface VisitedState {
  receipt: VisitReceipt;
}

/**
 * 上门服务: who needs it (老年人、残疾人、病人、企业), name and a mobile confirmed by an SMS code,
 * the address, what to do and why, and one to three days from the center's calendar. A link from the
 * guide (`?item=MZ-004`) names the item.
 */
export default function VisitPage() {
  return <WithCenter>{(center) => <Visit center={center} />}</WithCenter>;
}

function Visit({ center }: { center: PortalCenter }) {
  const ids = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const itemCode = params.get('item') ?? '';
  const guide = useGuide(center.code);
  const item = guide.data?.items.find((i) => i.code === itemCode) ?? null;
  const dates = useQuery({
    queryKey: ['portal', 'visit-dates', center.code],
    queryFn: () => portalApi.visitDates(center.code),
    staleTime: 5 * 60_000,
  });
  const [category, setCategory] = useState<VisitCategoryValue | null>(null);
  const [contact, setContact] = useState<Contact>(NO_CONTACT);
  const [address, setAddress] = useState('');
  const [itemText, setItemText] = useState('');
  const [reason, setReason] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Partial<Record<VisitField, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const contactRefs = useContactRefs();
  const categoryRef = useRef<HTMLFieldSetElement>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  const itemRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const datesRef = useRef<HTMLFieldSetElement>(null);
  const generalRef = useRef<HTMLParagraphElement>(null);
  const refs = {
    ...contactRefs,
    category: categoryRef,
    address: addressRef,
    itemText: itemRef,
    reason: reasonRef,
    preferredDates: datesRef,
  };

  const clear = (field: VisitField) => setErrors((was) => ({ ...was, [field]: undefined }));

  const showRefusal = (r: Refusal<VisitField>) => {
    setErrors(r.fields);
    setGeneral(r.general);
    const first = VISIT_FIELDS.find((f) => r.fields[f]);
    focusSoon(first ? refs[first] : generalRef);
  };

  const send = useMutation({
    mutationFn: portalApi.requestVisit,
    onSuccess: (receipt) => {
      const c = new URLSearchParams(location.search).get('c');
      void navigate(
        { pathname: '/visit/done', search: c ? searchWith('', { c }) : '' },
        { replace: true, state: { receipt } satisfies VisitedState },
      );
    },
    onError: (e) => {
      const r = refusalOf(e, VISIT_FIELDS, SMS_CODE_REFUSALS, V.failed);
      // A refusal about one of the dates ('preferredDates.1') is said on the dates.
      const dateError =
        e instanceof Error && 'fields' in e
          ? (e as { fields: { field: string; message: string }[] }).fields.find((f) =>
              f.field.startsWith('preferredDates.'),
            )
          : undefined;
      if (dateError) {
        r.fields.preferredDates = dateError.message.replace(/^[^：]*：/, '');
        r.general = null;
      }
      showRefusal(r);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkVisit(center.code, item ? item.code : '', {
      category,
      ...contact,
      address,
      itemText,
      reason,
      dates: chosen,
    });
    if ('errors' in checked)
      return showRefusal({ code: 'VALIDATION_FAILED', fields: checked.errors, general: null });
    setErrors({});
    setGeneral(null);
    send.mutate(checked.body);
  };

  return (
    <>
      <title>{P.pageTitle(V.title, center.name)}</title>
      <h1>{V.title}</h1>
      <div className="notice report-intro">
        {V.intro.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {center.phone ? (
          <p>
            {V.byPhone}
            <a className="nowrap big-link" href={`tel:${center.phone}`}>
              {center.phone}
            </a>
          </p>
        ) : null}
      </div>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset
          className="modes"
          ref={categoryRef}
          tabIndex={-1}
          aria-describedby={errors.category ? `${ids}-category-error` : undefined}
        >
          <legend>{V.who}</legend>
          {VISIT_CATEGORIES.map((c) => {
            const [name, hint] = V.categories[c]!;
            return (
              <label className="mode" key={c}>
                <input
                  type="radio"
                  name={`${ids}-category`}
                  checked={category === c}
                  onChange={() => {
                    setCategory(c);
                    clear('category');
                  }}
                  aria-labelledby={`${ids}-${c}`}
                  aria-describedby={`${ids}-${c}-hint`}
                />
                <span className="mode-text">
                  <strong id={`${ids}-${c}`}>{name}</strong>
                  <span className="hint" id={`${ids}-${c}-hint`}>
                    {hint}
                  </span>
                </span>
              </label>
            );
          })}
          {errors.category ? (
            <span className="error" id={`${ids}-category-error`} role="alert">
              {errors.category}
            </span>
          ) : null}
        </fieldset>
        <ContactFields
          centerCode={center.code}
          purpose="visit"
          contact={contact}
          onChange={(change) => {
            setContact((was) => ({ ...was, ...change }));
            // What was said about a box goes once the box is changed.
            for (const key of ['name', 'phone', 'smsCode'] as const) if (key in change) clear(key);
          }}
          errors={errors}
          onPhoneError={(phone) => setErrors((was) => ({ ...was, phone }))}
          refs={contactRefs}
          nameHint={V.nameHint}
          mobileHint={V.mobileHint}
        />
        <Field
          id={`${ids}-address`}
          label={V.address}
          hint={V.addressHint}
          error={errors.address}
          inputRef={addressRef}
          value={address}
          onChange={(e) => {
            setAddress(e.target.value);
            clear('address');
          }}
          autoComplete="street-address"
          maxLength={ADDRESS_MAX}
        />
        {item ? (
          <p className="notice">
            <strong>{V.itemFrom(item.name)}</strong>
          </p>
        ) : (
          <Field
            id={`${ids}-item`}
            label={V.item}
            hint={V.itemHint}
            error={errors.itemText}
            inputRef={itemRef}
            value={itemText}
            onChange={(e) => setItemText(e.target.value)}
            maxLength={ITEM_MAX}
          />
        )}
        <TextAreaField
          id={`${ids}-reason`}
          label={V.reason}
          hint={V.reasonHint}
          error={errors.reason}
          textareaRef={reasonRef}
          count={V.count(reason.length, REASON_MAX)}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            clear('reason');
          }}
          maxLength={REASON_MAX}
          rows={3}
        />
        <fieldset
          className="modes"
          ref={datesRef}
          tabIndex={-1}
          aria-describedby={`${ids}-dates-hint${errors.preferredDates ? ` ${ids}-dates-error` : ''}`}
        >
          <legend>{V.dates}</legend>
          <span className="hint" id={`${ids}-dates-hint`}>
            {V.datesHint}
          </span>
          {dates.isError ? (
            <Failed onRetry={() => void dates.refetch()} />
          ) : !dates.data ? (
            <Loading />
          ) : dates.data.dates.length === 0 ? (
            <p className="notice">{V.datesNone}</p>
          ) : (
            <>
              <div className="date-grid">
                {dates.data.dates.map((d) => {
                  const day = V.dateButton(d.date);
                  return (
                    <label className="mode mode-date" key={d.date}>
                      <input
                        type="checkbox"
                        checked={chosen.includes(d.date)}
                        disabled={!chosen.includes(d.date) && chosen.length >= MAX_DATES}
                        onChange={() => {
                          setChosen((was) => toggleDate(was, d.date));
                          clear('preferredDates');
                        }}
                      />
                      <span className="mode-text">
                        <strong>{day.date}</strong>
                        <span>{day.weekday}</span>
                      </span>
                    </label>
                  );
                })}
              </div>
              <p className="hint dates-chosen" aria-live="polite">
                {V.datesChosen(chosen.length, MAX_DATES)}
              </p>
            </>
          )}
          {dates.data?.calendarMissingFrom ? (
            <p className="hint">{V.calendarMissing(dates.data.calendarMissingFrom)}</p>
          ) : null}
          {errors.preferredDates ? (
            <span className="error" id={`${ids}-dates-error`} role="alert">
              {errors.preferredDates}
            </span>
          ) : null}
        </fieldset>
        <FormEnd
          general={general}
          generalRef={generalRef}
          pending={send.isPending}
          label={V.submit}
          pendingLabel={V.submitting}
        />
      </form>
      <p>
        <Link className="big-link" to="/visit/track">
          {V.trackTitle}
        </Link>
      </p>
    </>
  );
}

/** The receipt: the tracking code, big, and what happens next. */
export function VisitedPage() {
  const location = useLocation();
  const receipt = (location.state as Partial<VisitedState> | null)?.receipt;
  const headingRef = useFocusedHeading();
  if (!receipt)
    return (
      <NothingSent title={V.title} text={V.noDone} to="/visit/track" linkText={V.trackTitle} />
    );
  const code = displayVisitCode(receipt.trackingCode);
  return (
    <article>
      <title>{P.pageTitle(V.doneTitle, receipt.centerName)}</title>
      <h1 ref={headingRef} tabIndex={-1}>
        {V.doneTitle}
      </h1>
      <div className="card">
        <BigCode label={V.code} code={code} long />
        <p>
          <strong>{V.codeKeep}</strong>
        </p>
        <p>{V.wanted(receipt.preferredDates)}</p>
        <ol className="next-steps">
          {V.next.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
        {receipt.centerPhone ? (
          <p>
            {V.byPhone}
            <a className="nowrap big-link" href={`tel:${receipt.centerPhone}`}>
              {receipt.centerPhone}
            </a>
          </p>
        ) : null}
      </div>
      <p>
        <Link
          className="button"
          to={{ pathname: '/visit/track', search: searchWith('', { code }) }}
        >
          {V.toTrack}
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
