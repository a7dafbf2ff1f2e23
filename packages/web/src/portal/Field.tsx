import type { InputHTMLAttributes, RefObject } from 'react';

/** A labelled box with its hint below and, once checked, what is wrong with it. */
export function Field({
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
  error: string | null | undefined;
  inputRef?: RefObject<HTMLInputElement | null>;
} & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        {...input}
      />
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      {error ? (
        <span className="error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
