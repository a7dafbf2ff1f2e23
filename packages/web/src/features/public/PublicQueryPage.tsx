import {
  useId,
  useRef,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type RefObject,
} from 'react';
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { displayReceiptNo } from '@bianmin/domain';
import { isApiError } from '../../api/client.ts';
import { casesApi, type PublicCaseStatus } from '../../api/cases.ts';
import { dayjs, formatInCenter } from '../../lib/time.ts';
import { checkReceiptInput } from '../cases/format.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.publicQuery;

/** A date (the deadline) as it is; an instant as its day in Beijing. */
function dateText(iso: string | null): string | null {
  if (!iso) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatInCenter(iso, L.dateFormat);
  const d = dayjs(iso);
  return d.isValid() ? d.format(L.dateFormat) : iso;
}

function errorText(e: unknown): string {
  if (!isApiError(e)) return L.failed;
  if (e.status === 404 || e.status === 400) return L.notFound;
  if (e.status === 429) {
    const wait = e.details.retryAfterSeconds;
    return typeof wait === 'number' && wait > 0
      ? `${L.tooMany}${t.errors.retryAfter(Math.ceil(wait))}`
      : L.tooMany;
  }
  return L.failed;
}

/**
 * The applicant's own page (no account): the receipt number and query code printed on the notice
 * give the case's progress in plain words. Built for an elderly person's phone: big text, two boxes,
 * one button.
 */
export default function PublicQueryPage() {
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
      casesApi.publicStatus(q.receiptNo, q.queryCode),
    onSuccess: () => window.setTimeout(() => resultRef.current?.focus(), 0),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = checkReceiptInput(receipt);
    const c = code.trim();
    setReceiptError('error' in r ? r.error : null);
    setCodeError(c === '' ? L.codeRequired : null);
    if ('error' in r) {
      receiptRef.current?.focus();
      return;
    }
    if (c === '') {
      codeRef.current?.focus();
      return;
    }
    query.mutate({ receiptNo: r.value, queryCode: c });
  };

  const again = () => {
    query.reset();
    setReceipt('');
    setCode('');
    window.setTimeout(() => receiptRef.current?.focus(), 0);
  };

  return (
    <main className="pq">
      <title>{t.app.pageTitle(L.title)}</title>
      <style href="bianmin-public-query" precedence="default">
        {CSS}
      </style>
      <h1 className="pq-title">{L.title}</h1>
      {query.data ? (
        <ResultCard status={query.data} onAgain={again} cardRef={resultRef} />
      ) : (
        <form className="pq-form" onSubmit={submit} noValidate>
          <p className="pq-intro">{L.intro}</p>
          <Field
            id={`${ids}-receipt`}
            label={L.receiptNo}
            hint={L.receiptNoHint}
            error={receiptError}
            inputRef={receiptRef}
            value={receipt}
            onChange={(e) => setReceipt(e.target.value)}
            inputMode="numeric"
            maxLength={40}
          />
          <Field
            id={`${ids}-code`}
            label={L.queryCode}
            hint={L.queryCodeHint}
            error={codeError}
            inputRef={codeRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            maxLength={20}
          />
          {query.isError ? (
            <p className="pq-error pq-error-box" role="alert">
              {errorText(query.error)}
            </p>
          ) : null}
          <button type="submit" className="pq-button" disabled={query.isPending}>
            {query.isPending ? L.querying : L.submit}
          </button>
        </form>
      )}
      <p className="pq-footer">{L.footer}</p>
    </main>
  );
}

/** A labelled box with its hint below and, once checked, what is wrong with it. */
function Field({
  id,
  label,
  hint,
  error,
  inputRef,
  ...input
}: {
  id: string;
  label: string;
  hint: string;
  error: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
} & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="pq-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        {...input}
      />
      <span className="pq-hint" id={`${id}-hint`}>
        {hint}
      </span>
      {error ? (
        <span className="pq-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function ResultCard({
  status: s,
  onAgain,
  cardRef,
}: {
  status: PublicCaseStatus;
  onAgain: () => void;
  cardRef: RefObject<HTMLElement | null>;
}) {
  const rows: [string, string | null][] = [
    [L.receiptNo, displayReceiptNo(s.receiptNo)],
    [L.item, s.itemName],
    [L.status, `${L.statusWords[s.status]}${s.paused && s.status !== 'paused' ? L.paused : ''}`],
    [L.window, s.windowName],
    [L.receivedAt, dateText(s.receivedAt)],
    [L.acceptedAt, dateText(s.acceptedAt)],
    [L.deadline, dateText(s.deadlineDate)],
    [L.closedAt, dateText(s.closedAt)],
  ];
  return (
    <section className="pq-card" aria-labelledby="pq-result-title" tabIndex={-1} ref={cardRef}>
      <h2 id="pq-result-title" className="pq-card-title">
        {L.resultTitle}
      </h2>
      <p className="pq-center">{s.centerName}</p>
      <dl className="pq-rows">
        {rows
          .filter((r): r is [string, string] => r[1] !== null && r[1] !== '')
          .map(([label, value]) => (
            <div className="pq-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {s.message ? <p className="pq-message">{s.message}</p> : null}
      <button type="button" className="pq-button pq-button-secondary" onClick={onAgain}>
        {L.again}
      </button>
    </section>
  );
}

/** Mobile first: ≥ 18 px text, 48 px touch targets, dark text on white (contrast ≥ 7:1). */
const CSS = `
.pq {
  box-sizing: border-box;
  max-width: 560px;
  min-height: 100vh;
  margin: 0 auto;
  padding: 24px 20px 40px;
  background: #ffffff;
  color: #1a1a1a;
  font-size: 20px;
  line-height: 1.6;
  text-align: center;
}
.pq * { box-sizing: border-box; }
.pq-title { font-size: 30px; line-height: 1.3; margin: 8px 0 12px; color: #0b3d7e; }
.pq-intro { margin: 0 0 20px; }
.pq-form { text-align: left; }
.pq-field { display: flex; flex-direction: column; gap: 6px; margin-bottom: 20px; }
.pq-field label { font-size: 22px; font-weight: 700; }
.pq-field input {
  width: 100%;
  min-height: 56px;
  padding: 8px 14px;
  font-size: 24px;
  letter-spacing: 1px;
  color: #1a1a1a;
  background: #ffffff;
  border: 2px solid #4d4d4d;
  border-radius: 8px;
}
.pq-field input:focus { outline: 3px solid #0b4ea2; outline-offset: 2px; border-color: #0b4ea2; }
.pq-field input[aria-invalid='true'] { border-color: #b3261e; }
.pq-hint { font-size: 18px; color: #404040; }
.pq-error { font-size: 20px; color: #b3261e; font-weight: 700; }
.pq-error-box {
  margin: 0 0 20px;
  padding: 12px 14px;
  background: #fff1f0;
  border: 2px solid #b3261e;
  border-radius: 8px;
}
.pq-button {
  display: block;
  width: 100%;
  min-height: 60px;
  padding: 10px 16px;
  font-size: 24px;
  font-weight: 700;
  letter-spacing: 4px;
  color: #ffffff;
  background: #0b4ea2;
  border: none;
  border-radius: 10px;
  cursor: pointer;
}
.pq-button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 3px; }
.pq-button:disabled { background: #4d6f99; cursor: progress; }
.pq-button-secondary { color: #0b4ea2; background: #ffffff; border: 2px solid #0b4ea2; margin-top: 20px; }
.pq-card {
  text-align: left;
  padding: 20px 16px;
  border: 2px solid #0b4ea2;
  border-radius: 12px;
  outline: none;
}
.pq-card-title { font-size: 24px; margin: 0 0 4px; text-align: center; }
.pq-center { margin: 0 0 12px; text-align: center; font-size: 18px; color: #404040; }
.pq-rows { margin: 0; }
.pq-row { display: flex; flex-wrap: wrap; gap: 0 12px; padding: 10px 0; border-bottom: 1px solid #d9d9d9; }
.pq-row dt { flex: 0 0 6em; color: #404040; }
.pq-row dd { flex: 1 1 8em; margin: 0; font-weight: 700; overflow-wrap: anywhere; }
.pq-message {
  margin: 16px 0 0;
  padding: 12px 14px;
  background: #eef4fc;
  border-left: 6px solid #0b4ea2;
  font-size: 20px;
}
.pq-footer { margin: 28px 0 0; font-size: 18px; color: #404040; }
`;
