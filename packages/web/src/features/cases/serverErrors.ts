import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ERRORS, FIELD_LABELS, isErrorCode } from '@bianmin/contracts';
import { isApiError, type ApiFieldError } from '../../api/client.ts';
import { caseKeys } from '../../api/cases.ts';
import { refusalText } from '../../lib/apiFeedback.ts';
import { t } from '../../locale/zh-CN.ts';

/** A form field's name path, as antd Form takes it. */
export type FieldPath = (string | number)[];

/** `then.materials[0]` / `/then/materials/0` → ['then', 'materials', 0] */
export function splitFieldPath(field: string): FieldPath {
  return field
    .split(/[.[\]/]/)
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface CaseFormTarget {
  form: FormInstance;
  /**
   * Server field path → the form's field, tried from the whole path to its head: with
   * `{ 'then.materials': ['materials'] }`, an error on `then.materials.2` lands on `materials`.
   * A function gets the split path and returns the field, or null when the form has none.
   */
  fields: Readonly<Record<string, FieldPath>> | ((path: FieldPath) => FieldPath | null);
  /** Where a refusal that names no field belongs, e.g. `NO_MATERIALS` → ['materials']. */
  codes?: Readonly<Record<string, FieldPath>>;
}

function fieldText(f: ApiFieldError): string {
  const text = f.message || (isErrorCode(f.code) ? ERRORS[f.code].message : f.code);
  const label = FIELD_LABELS[f.field];
  if (label && text.startsWith(`${label}：`)) return text.slice(label.length + 1);
  // A schema message may start with the property's code name ("type：…"): the field shows it.
  return text.replace(/^[A-Za-z][\w.]*：/, '');
}

function findField(target: CaseFormTarget, field: string): FieldPath | null {
  const path = splitFieldPath(field);
  if (typeof target.fields === 'function') return target.fields(path);
  for (let n = path.length; n > 0; n--) {
    const hit = target.fields[path.slice(0, n).join('.')];
    if (hit) return hit;
  }
  return null;
}

/** Puts each field message of a refusal on its form field; returns those no field can show. */
export function putFieldErrors(target: CaseFormTarget, error: unknown): ApiFieldError[] {
  if (!isApiError(error)) return [];
  if (error.fields.length === 0) {
    const name = target.codes?.[error.code];
    if (name) target.form.setFields([{ name, errors: [error.message] }]);
    return [];
  }
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const unmatched: ApiFieldError[] = [];
  for (const f of error.fields) {
    const name = findField(target, f.field);
    if (!name) {
      unmatched.push(f);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(fieldText(f));
    byField.set(key, entry);
  }
  if (byField.size > 0) target.form.setFields([...byField.values()]);
  return unmatched;
}

/** A conflict: someone else changed the case (VERSION_CONFLICT) or its status moved on (CASE_STATE). */
export const isConflict = (e: unknown) => isApiError(e) && e.status === 409;

/**
 * Shows a refused case command the way a clerk can act on it: the messages on the form fields, the
 * rest in a toast; after a 409 the case pages refetch so the next try uses the current version.
 */
export function useCaseErrorHandler() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useCallback(
    (error: unknown, target?: CaseFormTarget) => {
      if (isApiError(error) && error.status === 401) return;
      const unmatched = target
        ? putFieldErrors(target, error)
        : isApiError(error)
          ? error.fields
          : [];
      const text = refusalText(error, unmatched, (f) => {
        const label = FIELD_LABELS[f.field];
        const msg = fieldText(f);
        return label ? t.errors.fieldMessage(label, msg) : msg;
      });
      void message.error(text);
      if (isConflict(error)) void queryClient.invalidateQueries({ queryKey: caseKeys.all });
    },
    [message, queryClient],
  );
}

/**
 * A case command sent from a form. On success `onSuccess` runs first (e.g. to put the returned case
 * in the cache and close the form), then every case page refetches and `success` is said; a refusal
 * goes on the form's fields (`target`) as `useCaseErrorHandler` puts it, then `onError` runs.
 */
export function useCaseMutation<Values, Result>({
  mutationFn,
  success,
  target,
  onSuccess,
  onError,
}: {
  mutationFn: (values: Values) => Promise<Result>;
  /** What to say when it worked; '' when the page shows it another way. */
  success: (result: Result) => string;
  target: CaseFormTarget;
  onSuccess: (result: Result) => void;
  onError?: (error: unknown) => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const handleError = useCaseErrorHandler();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      onSuccess(result);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      // Empty: the page says it itself (a notice to print, with its button beside the words).
      const text = success(result);
      if (text !== '') void message.success(text);
    },
    onError: (e) => {
      handleError(e, target);
      onError?.(e);
    },
  });
}
