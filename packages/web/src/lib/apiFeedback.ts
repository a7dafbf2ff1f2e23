import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ERRORS, FIELD_LABELS, isErrorCode, type ErrorCode } from '@bianmin/contracts';
import { errorMessage, isApiError, type ApiFieldError } from '../api/client.ts';
import { t } from '../locale/zh-CN.ts';

export interface FieldErrorTarget {
  form: FormInstance;
  /** Names of the Form.Items that can show a server message. */
  fields: readonly string[];
  /** Server field → form field, e.g. `password` → `newPassword` on a change-password form. */
  alias?: Readonly<Record<string, string>>;
  /** Labels the form shows, to name a field the form has no item for. */
  labels?: Readonly<Record<string, string>>;
  /** Where a refusal that names no field belongs, e.g. `DUPLICATE` → `code`. */
  codes?: Readonly<Partial<Record<ErrorCode, string>>>;
}

function fieldText(f: ApiFieldError): string {
  if (f.message) return f.message;
  return isErrorCode(f.code) ? ERRORS[f.code].message : f.code;
}

/** Under its own Form.Item a message need not repeat the field's name (`工号：必填` → `必填`). */
function shortFieldText(f: ApiFieldError, head: string): string {
  const text = fieldText(f);
  const label = FIELD_LABELS[head];
  return label && text.startsWith(`${label}：`) ? text.slice(label.length + 1) : text;
}

/**
 * Puts each field message of an API refusal on the matching Form.Item. Returns the refusals no item
 * can show, so the caller can name them in the toast.
 */
export function applyFieldErrors(target: FieldErrorTarget, error: unknown): ApiFieldError[] {
  if (!isApiError(error)) return [];
  if (error.fields.length === 0 && isErrorCode(error.code)) {
    const name = target.codes?.[error.code];
    if (name && target.fields.includes(name)) {
      target.form.setFields([{ name, errors: [error.message] }]);
    }
    return [];
  }
  const byField = new Map<string, string[]>();
  const unmatched: ApiFieldError[] = [];
  for (const f of error.fields) {
    const head = f.field.split(/[.[\]/]/).find((s) => s !== '') ?? '';
    const name = target.alias?.[head] ?? head;
    if (name && target.fields.includes(name)) {
      byField.set(name, [...(byField.get(name) ?? []), shortFieldText(f, head)]);
    } else {
      unmatched.push(f);
    }
  }
  if (byField.size > 0) {
    target.form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  }
  return unmatched;
}

/** A refusal's toast: its message, then in brackets the field messages no form item could show. */
export function refusalText<F>(
  error: unknown,
  unmatched: readonly F[],
  describe: (f: F) => string,
): string {
  const text = errorMessage(error);
  return unmatched.length > 0 ? `${text}（${unmatched.map(describe).join('；')}）` : text;
}

export interface HandleErrorOptions {
  target?: FieldErrorTarget;
  /** Queries to refetch after a 409 (someone else changed the record). */
  refetch?: readonly QueryKey[];
  /** After a 409, e.g. to close a dialog whose record was decided elsewhere meanwhile. */
  onConflict?: () => void;
}

/** Shows an API error the way a clerk can act on it: on the form fields, then as a message. */
export function useApiErrorHandler() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useCallback(
    (error: unknown, options: HandleErrorOptions = {}) => {
      // A 401 already took the user back to the login page.
      if (isApiError(error) && error.status === 401) return;
      const unmatched = options.target
        ? applyFieldErrors(options.target, error)
        : isApiError(error)
          ? error.fields
          : [];
      const text = refusalText(error, unmatched, (f) => {
        const text = fieldText(f);
        const label = options.target?.labels?.[f.field] ?? FIELD_LABELS[f.field] ?? f.field;
        return !label || text.includes('：') ? text : t.errors.fieldMessage(label, text);
      });
      void message.error(text);
      if (isApiError(error) && (error.code === 'VERSION_CONFLICT' || error.status === 409)) {
        for (const queryKey of options.refetch ?? []) {
          void queryClient.invalidateQueries({ queryKey });
        }
        options.onConflict?.();
      }
    },
    [message, queryClient],
  );
}

/**
 * A change the clerk asked for, with the feedback every form gives: a success message, the lists it
 * makes stale refetched, and on failure the errors put on the form (see `useApiErrorHandler`).
 * `onSuccess` runs after the message, e.g. to close the modal; the mutation stays pending until a
 * promise it returns settles.
 */
export function useFeedbackMutation<Values, Result = unknown>({
  mutationFn,
  success,
  invalidate = [],
  errors,
  onSuccess,
}: {
  mutationFn: (values: Values) => Promise<Result>;
  success: string | ((result: Result) => string);
  invalidate?: readonly QueryKey[];
  errors?: HandleErrorOptions;
  onSuccess?: (result: Result) => void | Promise<void>;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const handleError = useApiErrorHandler();
  return useMutation({
    mutationFn,
    onSuccess: async (result) => {
      void message.success(typeof success === 'string' ? success : success(result));
      for (const queryKey of invalidate) {
        void queryClient.invalidateQueries({ queryKey });
      }
      await onSuccess?.(result);
    },
    onError: (e) => handleError(e, errors),
  });
}

/**
 * "保存" in a create/edit modal: creates when `record` is null, else updates it; says which it did,
 * refreshes the list (and `alsoStale`), closes the modal, and on failure puts the server's field
 * errors on the form and refetches the list after a 409.
 */
export function useSaveMutation<Values, Result = unknown>({
  record,
  mutationFn,
  listKey,
  alsoStale = [],
  target,
  onClose,
}: {
  record: object | null;
  mutationFn: (values: Values) => Promise<Result>;
  listKey: QueryKey;
  alsoStale?: readonly QueryKey[];
  target: FieldErrorTarget;
  onClose: () => void;
}) {
  return useFeedbackMutation({
    mutationFn,
    success: record ? t.common.updated : t.common.created,
    invalidate: [listKey, ...alsoStale],
    errors: { target, refetch: [listKey] },
    onSuccess: onClose,
  });
}
