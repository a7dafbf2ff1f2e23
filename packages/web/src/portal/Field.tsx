import type { InputHTMLAttributes, ReactNode, RefObject, TextareaHTMLAttributes } from 'react';

interface Labelled {
  id: string;
  label: string;
  hint: string;
  error: string | null | undefined;
}

/** The box's own attributes: tied to its hint, to its other notes and, once checked, to its error. */
const described = (id: string, error: Labelled['error'], notes: string[] = []) => ({
  id,
  autoComplete: 'off',
  'aria-invalid': error ? true : undefined,
  'aria-describedby': [`${id}-hint`, ...notes, ...(error ? [`${id}-error`] : [])].join(' '),
});

/** The label above a box, its hint (and other notes) below and what is wrong with it. */
function Frame({
  id,
  label,
  hint,
  error,
  notes,
  children,
}: Labelled & { notes?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      {notes}
      {error ? (
        <span className="error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled box with its hint below and, once checked, what is wrong with it. */
export function Field({
  id,
  label,
  hint,
  error,
  inputRef,
  ...input
}: Labelled & {
  inputRef?: RefObject<HTMLInputElement | null>;
} & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input ref={inputRef} {...described(id, error)} {...input} />
    </Frame>
  );
}

/** A mobile number: the phone's own keypad for it, and its own number offered. */
export function MobileField(props: Parameters<typeof Field>[0]) {
  return <Field type="tel" inputMode="tel" autoComplete="tel-national" maxLength={20} {...props} />;
}

/** A box for a few sentences, saying how much is written and how much it takes. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  textareaRef,
  count,
  ...textarea
}: Labelled & {
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  /** "已写 12 字，最多 2000 字". */
  count: string;
} & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame
      id={id}
      label={label}
      hint={hint}
      error={error}
      notes={
        <span className="hint" id={`${id}-count`}>
          {count}
        </span>
      }
    >
      <textarea ref={textareaRef} {...described(id, error, [`${id}-count`])} {...textarea} />
    </Frame>
  );
}
