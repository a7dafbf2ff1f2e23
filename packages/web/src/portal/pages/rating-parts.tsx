import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PublicRatingState, RatingInputBody } from '@bianmin/contracts';
import {
  checkRatingInput,
  isBadRating,
  RATING_TEXT_MAX,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  SATISFACTION_REASONS,
  type SatisfactionLevel,
} from '@bianmin/domain';
import { PortalError } from '../api.ts';
import { TextAreaField } from '../Field.tsx';
import { dateText } from '../receipt.ts';
import { P } from '../strings.ts';
import { focusSoon, Rows } from './form-parts.tsx';

const R = P.rate;

/** The words of a refusal of the server, or of the client's own check (same rules: the domain's). */
function failureText(e: unknown): string {
  if (e instanceof PortalError) {
    if (e.code === 'RATING_ALREADY_GIVEN') return R.already;
    if (e.status === 400 || e.status === 409) return e.message || R.failed;
  }
  return R.failed;
}

const reasonsLegend = (level: SatisfactionLevel) =>
  isBadRating(level)
    ? R.reasonsBad
    : level === 'basically_satisfied'
      ? R.reasonsFair
      : R.reasonsGood;

/**
 * The rating of a closed case as its applicant sees it: the form while it may be rated (five big
 * choices, the reasons of the chosen one as boxes to tick, a few words), then the rating given and,
 * for a 差评, how far the call-back and rectification are, with the center's answer.
 */
export function RatingPanel({
  state,
  send,
  onRated,
}: {
  state: PublicRatingState;
  send: (body: RatingInputBody) => Promise<PublicRatingState>;
  onRated: (next: PublicRatingState) => void;
}) {
  const [justRated, setJustRated] = useState(false);
  if (state.rating) return <Given state={state} focus={justRated} />;
  if (state.rateable)
    return (
      <RatingForm
        state={state}
        send={send}
        onRated={(next) => {
          setJustRated(true);
          onRated(next);
        }}
      />
    );
  if (state.notRateable === 'window_over' && state.until)
    return <p className="notice">{R.windowOver(dateText(state.until)!)}</p>;
  return null;
}

function RatingForm({
  state,
  send,
  onRated,
}: {
  state: PublicRatingState;
  send: (body: RatingInputBody) => Promise<PublicRatingState>;
  onRated: (next: PublicRatingState) => void;
}) {
  const ids = useId();
  const [level, setLevel] = useState<SatisfactionLevel | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ level?: string; reasons?: string; text?: string }>({});
  const levelRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const mutation = useMutation({
    mutationFn: send,
    onSuccess: onRated,
  });

  const choose = (l: SatisfactionLevel) => {
    setLevel(l);
    // The reasons differ per level: keep only those the new level also offers.
    setReasons((was) => was.filter((r) => SATISFACTION_REASONS[l].includes(r)));
    setErrors({});
  };
  const tick = (reason: string, on: boolean) => {
    setReasons((was) => (on ? [...was, reason] : was.filter((r) => r !== reason)));
    // A ticked box answers "请至少勾选一项": the message goes as soon as it is no longer true.
    if (on) setErrors((was) => ({ ...was, reasons: undefined }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (level === null) {
      setErrors({ level: R.levelRequired });
      return focusSoon(levelRef);
    }
    const checked = checkRatingInput({ level, reasons, text });
    if (!checked.ok) {
      if (checked.code === 'RATING_REASON_REQUIRED') {
        setErrors({ reasons: R.reasonRequired });
        return focusSoon(reasonRef);
      }
      setErrors({ text: checked.code === 'RATING_TEXT_TOO_LONG' ? R.textTooLong : R.textRequired });
      return focusSoon(textRef);
    }
    setErrors({});
    mutation.mutate({ ...checked.value, reasons: [...checked.value.reasons] });
  };

  const levelError = errors.level ? `${ids}-level-error` : undefined;
  const reasonsError = errors.reasons ? `${ids}-reasons-error` : undefined;
  return (
    <form className="form rating" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{R.title}</h2>
      <p>{R.intro}</p>
      {state.until ? <p className="hint">{R.until(dateText(state.until)!)}</p> : null}
      <fieldset className="modes levels" aria-describedby={levelError}>
        <legend>{R.levelLegend}</legend>
        {errors.level ? (
          <p className="error" id={levelError}>
            {errors.level}
          </p>
        ) : null}
        {SATISFACTION_LEVELS.map((l, i) => (
          <label className={`mode level level-${l}`} key={l}>
            <input
              type="radio"
              name={`${ids}-level`}
              value={l}
              checked={level === l}
              onChange={() => choose(l)}
              ref={i === 0 ? levelRef : undefined}
            />
            <span className="mode-text">
              <strong>{SATISFACTION_LABELS[l]}</strong>
              <span className="stars" aria-hidden="true">
                {R.stars[l]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {level ? (
        <fieldset className="modes reasons" aria-describedby={reasonsError}>
          <legend>{reasonsLegend(level)}</legend>
          {errors.reasons ? (
            <p className="error" id={reasonsError}>
              {errors.reasons}
            </p>
          ) : null}
          {SATISFACTION_REASONS[level].map((reason, i) => (
            <label className="mode" key={reason}>
              <input
                type="checkbox"
                checked={reasons.includes(reason)}
                onChange={(e) => tick(reason, e.target.checked)}
                ref={i === 0 ? reasonRef : undefined}
              />
              <span className="mode-text">
                <strong>{reason}</strong>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {level ? (
        <TextAreaField
          id={`${ids}-text`}
          label={R.text}
          hint={R.textHint}
          error={errors.text ?? null}
          textareaRef={textRef}
          count={R.count([...text].length, RATING_TEXT_MAX)}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={RATING_TEXT_MAX}
          rows={3}
        />
      ) : null}
      {level && isBadRating(level) ? <p className="notice">{R.badNote}</p> : null}
      {mutation.isError ? (
        <p className="notice notice-bad" role="alert">
          {failureText(mutation.error)}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={mutation.isPending}>
        {mutation.isPending ? R.submitting : R.submit}
      </button>
    </form>
  );
}

/** The rating given, and a 差评's follow-up as far as it went. */
function Given({ state, focus }: { state: PublicRatingState; focus: boolean }) {
  const r = state.rating!;
  const f = r.followUp;
  const ref = useRef<HTMLElement>(null);
  // Just rated: the form is gone, so the reader is taken to what replaced it.
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <section className="rating-given" aria-labelledby="rating-given-title" tabIndex={-1} ref={ref}>
      <h2 id="rating-given-title">{R.yours}</h2>
      {focus ? (
        <p className="notice" role="status">
          {R.thanks}
        </p>
      ) : null}
      <Rows
        rows={[
          [R.level, `${SATISFACTION_LABELS[r.level]}`, isBadRating(r.level) ? 'late' : 'good'],
          [R.reasons, r.reasons.join('、')],
          [R.yourText, r.text],
          [R.ratedAt, dateText(r.ratedAt)],
        ]}
      />
      {f ? (
        <>
          <h3>{R.followUp}</h3>
          <Rows
            rows={[
              [R.progress, R.followUpWords[f.status], f.repliedAt ? 'good' : undefined],
              [R.contactBy, f.contactedAt ? null : dateText(f.contactDueAt)],
              [R.contactedAt, dateText(f.contactedAt)],
              [R.fixBy, f.repliedAt ? null : dateText(f.fixDueAt)],
              [R.repliedAt, dateText(f.repliedAt)],
            ]}
          />
          {f.reply ? (
            <>
              <h3>{R.reply}</h3>
              <p className="result-text reply">{f.reply}</p>
            </>
          ) : null}
          {f.rectification ? (
            <>
              <h3>{R.rectification}</h3>
              <p className="result-text">{f.rectification}</p>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
