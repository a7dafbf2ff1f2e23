import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { VisitTracking } from '@bianmin/contracts';
import { displayReceiptNo } from '@bianmin/domain';
import { portalApi } from '../api.ts';
import { checkMobile, refusalOf } from '../booking.ts';
import { Field, MobileField } from '../Field.tsx';
import { timeText } from '../report.ts';
import { P } from '../strings.ts';
import { checkVisitCode, displayVisitCode } from '../visit.ts';
import { BigCode, focusSoon, Rows, FormEnd } from './form-parts.tsx';

const V = P.visit;
const B = P.book;

/** Unknown codes and wrong mobiles are one answer, said on the code box. */
const CODE_REFUSALS = { VISIT_NOT_FOUND: 'code' } as const;
type TrackField = 'code' | 'phone';

/**
 * 上门服务进度: a request by its tracking code and the mobile it was made with: where it stands, the
 * day and who is coming (family name only), and once visited the outcome and the case's receipt
 * number. The code may come in the address (`?code=`, from the receipt screen).
 */
export default function VisitTrackPage() {
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Partial<Record<TrackField, string>>>({});
  const ids = useId();
  const codeRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const cardRef = useRef<HTMLElement>(null);

  const track = useMutation({
    mutationFn: portalApi.trackVisit,
    onSuccess: () => focusSoon(cardRef),
    onError: (e) => {
      const r = refusalOf(e, ['code', 'phone'] as const, CODE_REFUSALS, V.findFailed);
      setErrors(r.fields);
      if (r.fields.code) focusSoon(codeRef);
      else if (r.fields.phone) focusSoon(phoneRef);
    },
  });
  const general = track.isError
    ? refusalOf(track.error, ['code', 'phone'] as const, CODE_REFUSALS, V.findFailed).general
    : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = checkVisitCode(code);
    const p = checkMobile(phone);
    const next: Partial<Record<TrackField, string>> = {};
    if ('error' in c) next.code = c.error;
    if ('error' in p) next.phone = p.error;
    setErrors(next);
    if ('error' in c) return focusSoon(codeRef);
    if ('error' in p) return focusSoon(phoneRef);
    track.mutate({ code: c.value, phone: p.value });
  };

  const other = () => {
    track.reset();
    setCode('');
    focusSoon(codeRef);
  };

  return (
    <>
      <title>{P.pageTitle(V.trackTitle, track.data?.centerName)}</title>
      <h1>{V.trackTitle}</h1>
      {track.data ? (
        <>
          <TrackingCard tracking={track.data} cardRef={cardRef} />
          <button type="button" className="button button-secondary" onClick={other}>
            {V.other}
          </button>
        </>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p>{V.trackIntro}</p>
          <Field
            id={`${ids}-code`}
            label={V.codeInput}
            hint={V.codeInputHint}
            error={errors.code}
            inputRef={codeRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={30}
          />
          <MobileField
            id={`${ids}-phone`}
            label={P.form.mobile}
            hint={V.mobileHint}
            error={errors.phone}
            inputRef={phoneRef}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <FormEnd
            general={general}
            pending={track.isPending}
            label={V.find}
            pendingLabel={V.finding}
          />
        </form>
      )}
      <p>
        <Link className="big-link" to="/visit">
          {V.request}
        </Link>
      </p>
    </>
  );
}

function TrackingCard({
  tracking: t,
  cardRef,
}: {
  tracking: VisitTracking;
  cardRef: RefObject<HTMLElement | null>;
}) {
  const ids = useId();
  return (
    <section className="card" aria-labelledby={`${ids}-title`} tabIndex={-1} ref={cardRef}>
      <h2 id={`${ids}-title`}>{V.resultTitle}</h2>
      <p className="hint">{t.centerName}</p>
      <BigCode label={V.code} code={displayVisitCode(t.trackingCode)} long />
      <Rows
        rows={[
          [V.stage, V.stages[t.status], `stage-visit-${t.status}`],
          [V.requestedAt, timeText(t.requestedAt)],
          [V.what, t.itemName || null],
          [V.addressShown, t.addressMasked],
          [
            V.scheduledDate,
            t.scheduledDate
              ? `${B.day(t.scheduledDate)}${t.scheduledKind ? V.dayKinds[t.scheduledKind] : ''}`
              : null,
            'nowrap',
          ],
          [V.staff, t.staffMasked.length ? t.staffMasked.join('、') : null],
          [V.arrivedAt, t.arrivedAt ? timeText(t.arrivedAt) : null],
          [V.cancelReason, t.cancelReason],
        ]}
      />
      {t.status === 'requested' ? <p>{V.waiting}</p> : null}
      {t.outcome ? (
        <>
          <h3>{V.outcome}</h3>
          <p className="result-text">{t.outcome}</p>
        </>
      ) : null}
      {t.receiptNo ? (
        <p>
          {V.receiptNo}：<strong className="nowrap">{displayReceiptNo(t.receiptNo)}</strong>
          <br />
          <span className="hint">{V.receiptHint}</span>
        </p>
      ) : null}
    </section>
  );
}
