import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { PublicBooking } from '@bianmin/contracts';
import { portalApi, type BookingKey } from '../api.ts';
import { checkBookingCode, checkMobile, refusalOf, searchWith } from '../booking.ts';
import { Field, MobileField } from '../Field.tsx';
import { Failed, Loading } from '../Layout.tsx';
import { P } from '../strings.ts';
import {
  BookingCode,
  BookingFacts,
  bookingKeys,
  DayPicker,
  Materials,
  SlotPicker,
  StepHeading,
  useSlots,
} from './booking-parts.tsx';
import { focusSoon, Rows, FormEnd } from './form-parts.tsx';

const B = P.book;

type KeyField = 'code' | 'phone';
/** Refusals that mean: choose another slot. */
const SLOT_GONE = new Set(['SLOT_FULL', 'SLOT_NOT_OFFERED']);
/** Refusals that mean: the booking can no longer be changed (its slot began, or it was closed). */
const STALE = new Set(['BOOKING_STARTED', 'BOOKING_CLOSED']);

/**
 * 我的预约: the booking by its code and mobile (no account), its state in words, and while its slot
 * has not started, 改期 (the same day and slot choice as booking) and 取消预约 (asked once more).
 * What is being done is in the address (`?code=…&act=move&date=…`), so Back undoes one step.
 */
export default function BookingManagePage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  // The done screen passes the mobile along in the page's history entry, never in the address.
  const givenPhone = (location.state as { phone?: string } | null)?.phone ?? '';
  const [code, setCode] = useState(params.get('code') ?? '');
  const [phone, setPhone] = useState(givenPhone);
  const [errors, setErrors] = useState<Partial<Record<KeyField, string>>>({});
  const [booking, setBooking] = useState<PublicBooking | null>(null);
  const [key, setKey] = useState<BookingKey | null>(null);
  /** What the last change did, or why it could not be done. */
  const [said, setSaid] = useState<{ text: string; bad?: boolean } | null>(null);
  const ids = useId();
  const codeRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const cardRef = useRef<HTMLElement>(null);
  const act = params.get('act');

  const go = (changes: Record<string, string | null>, replace = false) =>
    setParams(new URLSearchParams(searchWith(params, changes)), {
      replace,
      state: location.state as unknown,
    });

  const lookup = useMutation({
    mutationFn: portalApi.lookupBooking,
    onSuccess: (b, k) => {
      setBooking(b);
      setKey(k);
      if (params.get('code') !== b.code) go({ code: b.code }, true);
      focusSoon(cardRef);
    },
    onError: (e) => {
      const r = refusalOf(e, ['code', 'phone'] as const, {}, B.findFailed);
      setErrors(r.fields);
      if (r.fields.code) focusSoon(codeRef);
      else if (r.fields.phone) focusSoon(phoneRef);
    },
  });
  const lookupError = lookup.isError
    ? refusalOf(lookup.error, ['code', 'phone'] as const, {}, B.findFailed).general
    : null;

  const run = (codeInput: string, phoneInput: string) => {
    const c = checkBookingCode(codeInput);
    const p = checkMobile(phoneInput);
    setErrors({
      code: 'error' in c ? c.error : undefined,
      phone: 'error' in p ? p.error : undefined,
    });
    if ('error' in c) return focusSoon(codeRef);
    if ('error' in p) return focusSoon(phoneRef);
    setSaid(null);
    lookup.mutate({ code: c.value, phone: p.value });
  };

  // From the done screen: the code is in the address and the mobile was passed along.
  const fromDone = useRef(params.has('code') && givenPhone !== '');
  useEffect(() => {
    if (!fromDone.current) return;
    fromDone.current = false;
    run(code, phone);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(code, phone);
  };

  const other = () => {
    setBooking(null);
    setKey(null);
    setSaid(null);
    lookup.reset();
    setCode('');
    setPhone('');
    setParams(
      new URLSearchParams(searchWith(params, { code: null, act: null, date: null, start: null })),
    );
    focusSoon(codeRef);
  };

  const changed = (b: PublicBooking, text: string) => {
    setBooking(b);
    setSaid({ text });
    go({ act: null, date: null, start: null }, true);
    focusSoon(cardRef);
  };

  /** The booking changed meanwhile (its slot began, staff closed it): say so and show it as it is. */
  const stale = (text: string) => {
    setSaid({ text, bad: true });
    go({ act: null, date: null, start: null }, true);
    if (key) lookup.mutate(key);
  };

  const canChange = booking?.status === 'booked' && booking.canChange;

  return (
    <>
      <title>{P.pageTitle(B.manageTitle, booking?.centerName)}</title>
      <h1>{B.manageTitle}</h1>
      {!booking || !key ? (
        <form className="form" onSubmit={submit} noValidate>
          <p>{B.manageIntro}</p>
          <Field
            id={`${ids}-code`}
            label={B.codeInput}
            hint={B.codeInputHint}
            error={errors.code}
            inputRef={codeRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
          />
          <MobileField
            id={`${ids}-phone`}
            label={B.mobile}
            hint={B.manageMobileHint}
            error={errors.phone}
            inputRef={phoneRef}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <FormEnd
            general={lookupError}
            pending={lookup.isPending}
            label={B.find}
            pendingLabel={B.finding}
          />
        </form>
      ) : (
        <>
          <section className="card" aria-labelledby={`${ids}-card`} tabIndex={-1} ref={cardRef}>
            <h2 id={`${ids}-card`}>{B.booking}</h2>
            {said ? (
              <p className={said.bad ? 'notice notice-bad' : 'notice'} role="status">
                <strong>{said.text}</strong>
              </p>
            ) : null}
            <BookingCode code={booking.code} />
            <BookingFacts booking={booking} withStatus />
            {booking.status === 'booked' && !booking.canChange ? (
              <p className="notice">{B.cannotChange}</p>
            ) : null}
            {booking.status === 'booked' ? (
              <p>
                <strong>{B.arrive}</strong>
              </p>
            ) : null}
            {canChange && act !== 'move' && act !== 'cancel' ? (
              <div className="actions">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => go({ act: 'move', date: null, start: null })}
                >
                  {B.move}
                </button>
                <button
                  type="button"
                  className="button button-secondary button-danger"
                  onClick={() => go({ act: 'cancel', date: null, start: null })}
                >
                  {B.cancel}
                </button>
              </div>
            ) : null}
          </section>
          {canChange && act === 'move' ? (
            <MoveBooking
              booking={booking}
              bookingKey={key}
              date={params.get('date')}
              start={params.get('start')}
              go={go}
              onMoved={(b) => changed(b, `${B.moved}${B.smsChanged(b.phoneMasked)}`)}
              onStale={stale}
            />
          ) : null}
          {canChange && act === 'cancel' ? (
            <CancelBooking
              bookingKey={key}
              onKeep={() => go({ act: null }, true)}
              onCancelled={(b) => changed(b, `${B.cancelled}${B.smsChanged(b.phoneMasked)}`)}
              onStale={stale}
            />
          ) : null}
          {booking.status === 'booked' && act !== 'move' ? (
            <Materials list={booking.materials} />
          ) : null}
          {booking.status === 'cancelled' ? (
            <p>
              <Link
                className="button"
                to={{
                  pathname: '/book',
                  search: searchWith('', { c: booking.centerCode, item: booking.itemCode }),
                }}
              >
                {B.again}
              </Link>
            </p>
          ) : null}
          {act !== 'move' && act !== 'cancel' ? (
            <button type="button" className="button button-secondary" onClick={other}>
              {B.other}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}

/** 改期: a new day, a new slot, then once more what changes, and the button. */
function MoveBooking({
  booking,
  bookingKey,
  date,
  start,
  go,
  onMoved,
  onStale,
}: {
  booking: PublicBooking;
  bookingKey: BookingKey;
  date: string | null;
  start: string | null;
  go: (changes: Record<string, string | null>, replace?: boolean) => void;
  onMoved: (b: PublicBooking) => void;
  onStale: (message: string) => void;
}) {
  const ids = useId();
  const queryClient = useQueryClient();
  const slots = useSlots(booking.centerCode, booking.itemCode);
  const [notice, setNotice] = useState<string | null>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const refresh = () =>
    queryClient.invalidateQueries({
      queryKey: bookingKeys.slots(booking.centerCode, booking.itemCode),
    });
  const move = useMutation({
    mutationFn: portalApi.moveBooking,
    onSuccess: (b) => {
      void refresh();
      onMoved(b);
    },
    onError: (e) => {
      const r = refusalOf(e, [] as const);
      if (STALE.has(r.code)) return onStale(r.general ?? B.failed);
      setNotice(r.general);
      if (SLOT_GONE.has(r.code)) {
        void refresh();
        go({ start: null }, true);
      } else focusSoon(errorRef);
    },
  });

  const day = slots.data?.days.find((d) => d.date === date) ?? null;
  const slot = day?.slots.find((s) => s.start === start) ?? null;
  const step = !day ? 1 : !slot ? 2 : 3;
  const stepName = B.moveSteps[step - 1]!;

  return (
    <section className="move" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{B.moveTitle}</h2>
      <p>{B.moveIntro}</p>
      {step === 2 && day ? (
        <Rows
          rows={[
            [B.date, B.day(day.date), 'nowrap'],
            ...(slot
              ? ([[B.time, B.slot(slot.start, slot.end), 'nowrap']] as [string, string, string][])
              : []),
          ]}
        />
      ) : null}
      <StepHeading step={step} name={stepName} focusOnMount level={3} />
      {notice ? (
        <p className="notice notice-bad" role="alert" ref={errorRef} tabIndex={-1}>
          {notice}
        </p>
      ) : null}
      {slots.isError ? (
        <Failed onRetry={() => void slots.refetch()} />
      ) : !slots.data ? (
        <Loading />
      ) : step === 1 ? (
        <DayPicker
          slots={slots.data}
          label={stepName}
          onChoose={(d) => {
            setNotice(null);
            go({ date: d, start: null });
          }}
        />
      ) : step === 2 ? (
        <SlotPicker
          day={day!}
          current={day!.date === booking.date ? booking.start : undefined}
          onChoose={(s) => {
            setNotice(null);
            go({ start: s });
          }}
        />
      ) : (
        <>
          <dl className="rows">
            <div className="row">
              <dt>{B.moveFrom}</dt>
              <dd>
                <span className="nowrap">{B.day(booking.date)}</span>{' '}
                <span className="nowrap">{B.slot(booking.start, booking.end)}</span>
              </dd>
            </div>
            <div className="row">
              <dt>{B.moveTo}</dt>
              <dd className="moved-to">
                <span className="nowrap">{B.day(day!.date)}</span>{' '}
                <span className="nowrap">{B.slot(slot!.start, slot!.end)}</span>
              </dd>
            </div>
          </dl>
          <button
            type="button"
            className="button"
            disabled={move.isPending}
            onClick={() => move.mutate({ ...bookingKey, date: day!.date, start: slot!.start })}
          >
            {move.isPending ? B.moving : B.confirmMove}
          </button>
        </>
      )}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => go({ act: null, date: null, start: null }, true)}
      >
        {B.back}
      </button>
    </section>
  );
}

/** 取消预约, asked once more in plain words, with the way out as big as the way in. */
function CancelBooking({
  bookingKey,
  onKeep,
  onCancelled,
  onStale,
}: {
  bookingKey: BookingKey;
  onKeep: () => void;
  onCancelled: (b: PublicBooking) => void;
  onStale: (message: string) => void;
}) {
  const ids = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
    headingRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const cancel = useMutation({
    mutationFn: portalApi.cancelBooking,
    onSuccess: onCancelled,
    onError: (e) => {
      const r = refusalOf(e, [] as const);
      if (STALE.has(r.code)) onStale(r.general ?? B.failed);
      else focusSoon(errorRef);
    },
  });
  return (
    <section
      className="confirm"
      role="group"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-ask`}
    >
      <h2 id={`${ids}-title`} ref={headingRef} tabIndex={-1}>
        {B.cancelTitle}
      </h2>
      <p id={`${ids}-ask`}>
        <strong>{B.cancelAsk}</strong>
      </p>
      {cancel.isError ? (
        <p className="notice notice-bad" role="alert" ref={errorRef} tabIndex={-1}>
          {refusalOf(cancel.error, [] as const).general}
        </p>
      ) : null}
      <button
        type="button"
        className="button button-danger-solid"
        disabled={cancel.isPending}
        onClick={() => cancel.mutate(bookingKey)}
      >
        {cancel.isPending ? B.cancelling : B.cancelYes}
      </button>
      <button type="button" className="button button-secondary" onClick={onKeep}>
        {B.cancelNo}
      </button>
    </section>
  );
}
