/** A business decision: the new value, or a typed refusal. Domain functions never throw for a rule. */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Refusal<C extends string = string> = {
  readonly ok: false;
  readonly code: C;
  /** Which input field the refusal is about, when there is one. */
  readonly field?: string;
  readonly details?: Readonly<Record<string, unknown>>;
};
export type Result<T, C extends string = string> = Ok<T> | Refusal<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const refuse = <C extends string>(
  code: C,
  field?: string,
  details?: Record<string, unknown>,
): Refusal<C> => ({
  ok: false,
  code,
  ...(field ? { field } : {}),
  ...(details ? { details } : {}),
});
