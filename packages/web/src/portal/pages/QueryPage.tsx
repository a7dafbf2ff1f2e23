import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { PublicCaseStatus } from '@bianmin/contracts';
import { displayReceiptNo } from '@bianmin/domain';
import { portalApi, PortalError } from '../api.ts';
import { Field } from '../Field.tsx';
import { checkReceiptInput, dateText } from '../receipt.ts';
import { P } from '../strings.ts';
import { RatingPanel } from './rating-parts.tsx';

const Q = P.query;

function errorText(e: unknown): string {
  if (!(e instanceof PortalError)) return Q.failed;
  if (e.status === 404 || e.status === 400) return Q.notFound;
  if (e.status === 429) {
    const wait = e.details.retryAfterSeconds;
    return typeof wait === 'number' && wait > 0
      ? `${Q.tooMany}${Q.retryAfter(Math.ceil(wait))}`
      : Q.tooMany;
  }
  return Q.failed;
}

/**
 * The applicant's own page (no account): the receipt number and query code printed on the notice
 * (or its QR code, which carries both) give the case's progress in plain words — and the truth when
 * it is late. Built for an elderly person's phone: big text, two boxes, one button.
 */
export default function QueryPage() {
  const [params] = useSearchParams();
  const [receipt, setReceipt] = useState(params.get('receiptNo') ?? '');
  const [code, setCode] = useState(params.get('queryCode') ?? '');
  const [receiptError, setReceiptError] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const receiptRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLElement>(null);
  const ids = useId();

  const query = useMutation({
    mutationFn: (q: { receiptNo: string; queryCode: string }) =>
      portalApi.caseStatus(q.receiptNo, q.queryCode),
    onSuccess: () => window.setTimeout(() => resultRef.current?.focus(), 0),
  });

  const run = (receiptInput: string, codeInput: string): void => {
    const r = checkReceiptInput(receiptInput);
    const c = codeInput.trim();
    setReceiptError('error' in r ? r.error : null);
    setCodeError(c === '' ? Q.codeRequired : null);
    if ('error' in r) return receiptRef.current?.focus();
    if (c === '') return codeRef.current?.focus();
    query.mutate({ receiptNo: r.value, queryCode: c });
  };

  // Opened from the QR code on a notice: both are in the address, so look the case up at once.
  const fromLink = useRef(params.has('receiptNo') && params.has('queryCode'));
  useEffect(() => {
    if (!fromLink.current) return;
    fromLink.current = false;
    run(receipt, code);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(receipt, code);
  };

  const again = () => {
    query.reset();
    setReceipt('');
    setCode('');
    window.setTimeout(() => receiptRef.current?.focus(), 0);
  };

  return (
    <>
      <title>{P.pageTitle(Q.title)}</title>
      <h1>{Q.title}</h1>
      {query.data ? (
        <ResultCard
          status={query.data}
          keys={query.variables}
          onAgain={again}
          cardRef={resultRef}
        />
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p>{Q.intro}</p>
          <Field
            id={`${ids}-receipt`}
            label={Q.receiptNo}
            hint={Q.receiptNoHint}
            error={receiptError}
            inputRef={receiptRef}
            value={receipt}
            onChange={(e) => setReceipt(e.target.value)}
            inputMode="numeric"
            maxLength={40}
          />
          <Field
            id={`${ids}-code`}
            label={Q.queryCode}
            hint={Q.queryCodeHint}
            error={codeError}
            inputRef={codeRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            pattern="[0-9]*"
            maxLength={20}
          />
          {query.isError ? (
            <p className="notice notice-bad" role="alert">
              {errorText(query.error)}
            </p>
          ) : null}
          <button type="submit" className="button" disabled={query.isPending}>
            {query.isPending ? Q.querying : Q.submit}
          </button>
        </form>
      )}
      <p className="hint">{Q.footer}</p>
    </>
  );
}

/** Statuses in which a case is closed and its applicant may rate it (好差评). */
const CLOSED: readonly string[] = ['completed', 'returned', 'answered'];

/** The rating of a closed case: the form, or the rating given and its follow-up. */
function CaseRating({ keys }: { keys: { receiptNo: string; queryCode: string } }) {
  const client = useQueryClient();
  const queryKey = ['rating', keys.receiptNo, keys.queryCode];
  const rating = useQuery({
    queryKey,
    queryFn: () => portalApi.ratingState(keys.receiptNo, keys.queryCode),
    staleTime: 0,
  });
  if (!rating.data) return null;
  return (
    <RatingPanel
      state={rating.data}
      send={(body) => portalApi.rate(keys.receiptNo, keys.queryCode, body)}
      onRated={(next) => client.setQueryData(queryKey, next)}
    />
  );
}

function ResultCard({
  status: s,
  keys,
  onAgain,
  cardRef,
}: {
  status: PublicCaseStatus;
  keys: { receiptNo: string; queryCode: string };
  onAgain: () => void;
  cardRef: RefObject<HTMLElement | null>;
}) {
  const rows: [string, string | null, string?][] = [
    [Q.receiptNo, displayReceiptNo(s.receiptNo), 'nowrap'],
    [Q.item, s.itemName],
    [Q.status, Q.statusWords[s.status]],
    [Q.window, s.windowName],
    [Q.receivedAt, dateText(s.receivedAt)],
    [Q.acceptedAt, dateText(s.acceptedAt)],
    [Q.deadline, dateText(s.deadlineDate), s.overdue ? 'late' : undefined],
    [Q.closedAt, dateText(s.closedAt)],
  ];
  const resultLabel =
    s.status === 'returned' ? Q.reasons : s.status === 'answered' ? Q.answer : Q.result;
  return (
    <section className="card" aria-labelledby="result-title" tabIndex={-1} ref={cardRef}>
      <h2 id="result-title">{Q.resultTitle}</h2>
      <p className="hint">{s.centerName}</p>
      {s.overdue ? (
        <div className="notice notice-bad" role="alert">
          <strong>{Q.overdue}</strong>
          {s.centerPhone ? (
            <p>
              {Q.overdueHelp}
              <a className="nowrap" href={`tel:${s.centerPhone}`}>
                {s.centerPhone}
              </a>
            </p>
          ) : null}
          <p>
            <Link
              className="big-link"
              to={{ pathname: '/report', search: `?c=${encodeURIComponent(s.centerCode)}` }}
            >
              {Q.complainOnline}
            </Link>
          </p>
        </div>
      ) : null}
      <dl className="rows">
        {rows
          .filter((r): r is [string, string, string?] => r[1] !== null && r[1] !== '')
          .map(([label, value, className]) => (
            <div className="row" key={label}>
              <dt>{label}</dt>
              <dd className={className}>{value}</dd>
            </div>
          ))}
      </dl>
      {s.missingMaterials.length > 0 ? (
        <>
          <h3>{Q.missing}</h3>
          <ol className="materials">
            {s.missingMaterials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ol>
        </>
      ) : null}
      {s.pauseReason ? (
        <p>
          {Q.pausedFor}：<strong>{s.pauseReason}</strong>
        </p>
      ) : null}
      {s.resultText ? (
        <>
          <h3>{resultLabel}</h3>
          <p className="result-text">{s.resultText}</p>
        </>
      ) : null}
      {s.message ? <p className="notice">{s.message}</p> : null}
      {CLOSED.includes(s.status) ? <CaseRating keys={keys} /> : null}
      <button type="button" className="button button-secondary" onClick={onAgain}>
        {Q.again}
      </button>
    </section>
  );
}
