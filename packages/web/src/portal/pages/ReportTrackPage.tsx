import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ReportTracking } from '@bianmin/contracts';
import { portalApi } from '../api.ts';
import { refusalOf, searchWith } from '../booking.ts';
import { Field } from '../Field.tsx';
import { dateText } from '../receipt.ts';
import { checkTrackingCode, displayTrackingCode, timeText } from '../report.ts';
import { P } from '../strings.ts';
import { BigCode, focusSoon, Rows, FormEnd } from './form-parts.tsx';

const R = P.report;

/** Unknown codes are said on the code box, in the server's words. */
const CODE_REFUSALS = { REPORT_NOT_FOUND: 'trackingCode' } as const;

/**
 * 查询投诉结果: a report by its tracking code (no account, nothing about the reporter): 核查中 and by
 * when — or, plainly, that the promised time has passed — 已处理, or the reply in full. The code may
 * come in the address (`?code=`, from the receipt screen), and is looked up at once.
 */
export default function ReportTrackPage() {
  const [params, setParams] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [codeError, setCodeError] = useState<string | null>(null);
  const ids = useId();
  const codeRef = useRef<HTMLInputElement>(null);
  const cardRef = useRef<HTMLElement>(null);

  const track = useMutation({
    mutationFn: portalApi.trackReport,
    onSuccess: (t) => {
      if (params.get('code') !== t.trackingCode)
        setParams(new URLSearchParams(searchWith(params, { code: t.trackingCode })), {
          replace: true,
        });
      focusSoon(cardRef);
    },
    onError: (e) => {
      const r = refusalOf(e, ['trackingCode'] as const, CODE_REFUSALS, R.findFailed);
      setCodeError(r.fields.trackingCode ?? null);
      if (r.fields.trackingCode) focusSoon(codeRef);
    },
  });
  const general = track.isError
    ? refusalOf(track.error, ['trackingCode'] as const, CODE_REFUSALS, R.findFailed).general
    : null;

  const run = (input: string) => {
    const c = checkTrackingCode(input);
    setCodeError('error' in c ? c.error : null);
    if ('error' in c) return focusSoon(codeRef);
    track.mutate(c.value);
  };

  // From the receipt screen: the code is in the address, so look it up at once.
  const fromLink = useRef(params.has('code'));
  useEffect(() => {
    if (!fromLink.current) return;
    fromLink.current = false;
    run(code);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(code);
  };

  const other = () => {
    track.reset();
    setCode('');
    setParams(new URLSearchParams(searchWith(params, { code: null })), { replace: true });
    focusSoon(codeRef);
  };

  return (
    <>
      <title>{P.pageTitle(R.trackTitle, track.data?.centerName)}</title>
      <h1>{R.trackTitle}</h1>
      {track.data ? (
        <>
          <TrackingCard tracking={track.data} cardRef={cardRef} />
          <button type="button" className="button button-secondary" onClick={other}>
            {R.other}
          </button>
        </>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p>{R.trackIntro}</p>
          <Field
            id={`${ids}-code`}
            label={R.codeInput}
            hint={R.codeInputHint}
            error={codeError}
            inputRef={codeRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={30}
          />
          <FormEnd
            general={general}
            pending={track.isPending}
            label={R.find}
            pendingLabel={R.finding}
          />
        </form>
      )}
      <p>
        <Link className="big-link" to="/report">
          {P.home.complain}
        </Link>
      </p>
    </>
  );
}

function TrackingCard({
  tracking: t,
  cardRef,
}: {
  tracking: ReportTracking;
  cardRef: RefObject<HTMLElement | null>;
}) {
  const ids = useId();
  return (
    <section className="card" aria-labelledby={`${ids}-title`} tabIndex={-1} ref={cardRef}>
      <h2 id={`${ids}-title`}>{R.resultTitle}</h2>
      <p className="hint">{t.centerName}</p>
      <BigCode label={R.code} code={displayTrackingCode(t.trackingCode)} long />
      {t.overdue ? (
        <div className="notice notice-bad" role="alert">
          <strong>{R.overdue}</strong>
          <p>
            {t.centerPhone ? (
              <>
                {R.overdueCall}{' '}
                <a className="nowrap" href={`tel:${t.centerPhone}`}>
                  {t.centerPhone}
                </a>
              </>
            ) : (
              R.overdueVisit
            )}
          </p>
        </div>
      ) : null}
      <Rows
        rows={[
          [R.receivedAt, timeText(t.receivedAt)],
          [
            R.stage,
            <>
              {R.stageWords[t.stage]}
              {t.stage === 'received' && t.decideBy ? (
                <span className="stage-by">{R.handleBy(t.decideBy)}</span>
              ) : null}
            </>,
            `stage-${t.stage}${t.overdue ? ' late' : ''}`,
          ],
          [R.repliedAt, t.reply ? dateText(t.reply.repliedAt) : null],
        ]}
      />
      {t.reply ? (
        <>
          <h3>{R.reply}</h3>
          <p className="result-text">{t.reply.content}</p>
        </>
      ) : null}
    </section>
  );
}
