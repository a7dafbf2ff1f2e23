import { ERRORS, isErrorCode, SERVER_TIME_HEADER } from '@bianmin/contracts';
import { learnServerTime } from '../lib/time.ts';
import { t } from '../locale/zh-CN.ts';

/** One field the server refused, with the body property it is about (prefix such as `body.` removed). */
export interface ApiFieldError {
  field: string;
  code: string;
  message: string;
}

/** A refusal or failure of an API call, built from the server's error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly fields: ApiFieldError[];
  readonly details: Record<string, unknown>;
  readonly requestId: string | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: ApiFieldError[];
    details?: Record<string, unknown>;
    requestId?: string | null;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.details = init.details ?? {};
    this.requestId = init.requestId ?? null;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** `body.staffNo` → `staffNo`; `query.centerId` → `centerId`. */
export function stripFieldPrefix(field: string): string {
  return field.replace(/^(body|query|params|querystring)[.[/]/, '').replace(/^\//, '');
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** The login call (and the initial "who am I") handle a 401 themselves instead of redirecting. */
  skipAuthRedirect?: boolean;
}

export interface SessionHandlers {
  /** Any 401 (no session, or it expired): the app sends the user to /login. */
  unauthorized: (error: ApiError) => void;
  /** A 403 PASSWORD_CHANGE_REQUIRED: the app sends the user to the change-password page. */
  passwordChangeRequired: () => void;
}

let sessionHandlers: SessionHandlers | null = null;

export function setSessionHandlers(handlers: SessionHandlers | null): void {
  sessionHandlers = handlers;
}

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function toApiError(status: number, data: unknown): ApiError {
  const error = isRecord(data) && isRecord(data.error) ? data.error : null;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
  const known = isErrorCode(code) ? ERRORS[code].message : null;
  const message =
    typeof error?.message === 'string' && error.message !== ''
      ? error.message
      : (known ?? t.errors.httpStatus(status));
  const fields: ApiFieldError[] = [];
  if (Array.isArray(error?.fields)) {
    for (const f of error.fields as unknown[]) {
      if (!isRecord(f)) continue;
      fields.push({
        field: stripFieldPrefix(typeof f.field === 'string' ? f.field : ''),
        code: typeof f.code === 'string' ? f.code : '',
        message: typeof f.message === 'string' ? f.message : '',
      });
    }
  }
  return new ApiError({
    status,
    code,
    message,
    fields,
    details: isRecord(error?.details) ? error.details : {},
    requestId: isRecord(data) && typeof data.requestId === 'string' ? data.requestId : null,
  });
}

/** A fetch with the session cookie; a network failure becomes an ApiError (an abort stays one). */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    const sentAt = Date.now();
    const response = await fetch(url, { ...init, credentials: 'same-origin' });
    learnServerTime(response.headers.get(SERVER_TIME_HEADER), sentAt, Date.now());
    return response;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'NETWORK', message: t.errors.network });
  }
}

/** The refusal of a failed call; a 401 or a required password change is told to the app first. */
function refused(status: number, data: unknown, skipAuthRedirect: boolean): ApiError {
  const error = toApiError(status, data);
  if (status === 401 && !skipAuthRedirect) sessionHandlers?.unauthorized(error);
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') sessionHandlers?.passwordChangeRequired();
  return error;
}

/** The JSON of an answer; null when empty; an ApiError when a successful answer is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  const text = response.status === 204 ? '' : await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    if (response.ok) {
      throw new ApiError({
        status: response.status,
        code: 'BAD_RESPONSE',
        message: t.errors.badResponse,
      });
    }
    return null;
  }
}

/** Calls the API with the session cookie; resolves with the JSON answer or throws an ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal, skipAuthRedirect = false } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await send(buildUrl(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const data = await readJson(response);
  if (!response.ok) throw refused(response.status, data, skipAuthRedirect);
  return data as T;
}

/** Sends a file's own bytes as the body (no multipart), declared as `type`; answers with JSON. */
export async function uploadFile<T>(
  path: string,
  file: Blob,
  type: string,
  query?: QueryParams,
): Promise<T> {
  const response = await send(buildUrl(path, query), {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': type },
    body: file,
  });
  const data = await readJson(response);
  if (!response.ok) throw refused(response.status, data, false);
  return data as T;
}

/** The file name of a download, from `Content-Disposition` (RFC 5987 `filename*` first). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      return null;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}

/** Fetches a file (an export) with the session cookie: its bytes and the name the server gave it. */
export async function fetchFile(
  path: string,
  query?: QueryParams,
): Promise<{ blob: Blob; fileName: string | null }> {
  const response = await send(buildUrl(path, query), { method: 'GET' });
  if (!response.ok) throw refused(response.status, await readJson(response), false);
  return {
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get('content-disposition')),
  };
}

/** `?centerId=` for a county admin's chosen center; empty for everyone bound to one center. */
export interface CenterQuery {
  centerId?: number;
}

/** The shape a body schema accepts after parsing: what the console sends. */
export type Body<S extends { _zod: { output: unknown } }> = S['_zod']['output'];

/** Calls on a resource of the chosen center: `scope` adds its `?centerId=`. */
export const scoped = {
  get: <T>(path: string, scope: CenterQuery, query?: QueryParams) =>
    request<T>(path, { query: { ...scope, ...query } }),
  post: <T>(path: string, scope: CenterQuery, body?: unknown) =>
    request<T>(path, { method: 'POST', query: { ...scope }, body }),
  patch: <T>(path: string, scope: CenterQuery, body: unknown) =>
    request<T>(path, { method: 'PATCH', query: { ...scope }, body }),
  put: <T>(path: string, scope: CenterQuery, body: unknown) =>
    request<T>(path, { method: 'PUT', query: { ...scope }, body }),
};

/** The error message to show a clerk, with the wait time of a throttled login. */
export function errorMessage(e: unknown): string {
  if (!isApiError(e)) return e instanceof Error && e.message ? e.message : t.errors.network;
  const retry = e.details.retryAfterSeconds;
  if (typeof retry === 'number' && retry > 0)
    return `${e.message}（${t.errors.retryAfter(Math.ceil(retry))}）`;
  return e.message;
}
