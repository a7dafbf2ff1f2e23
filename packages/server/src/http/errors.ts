import {
  ERRORS,
  FIELD_LABELS,
  isErrorCode,
  type ErrorBody,
  type ErrorCode,
} from '@bianmin/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseTrouble } from '../db/trouble.ts';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** A refusal the API sends on purpose: one of the codes of contracts/errors.ts. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly extra: {
      fields?: FieldError[];
      details?: Record<string, unknown>;
      message?: string;
    } = {},
  ) {
    super(extra.message ?? ERRORS[code].message);
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/**
 * The Chinese name of a field path: "holidays.3.date" → "法定节假日第 4 项". `own` names fields
 * whose common name does not fit an area (a leave's `reason` is its 事由).
 */
function labelOf(field: string, own: Readonly<Record<string, string>> = {}): string {
  const whole = own[field] ?? FIELD_LABELS[field];
  if (whole) return whole;
  const [head = field, index] = field.split('.');
  const label = own[head] ?? FIELD_LABELS[head] ?? head;
  return index !== undefined && /^\d+$/.test(index) ? `${label}第 ${Number(index) + 1} 项` : label;
}

/** A refusal about one input field, with the field's Chinese name in the message. */
export function fieldError(
  code: ErrorCode,
  field: string,
  labels?: Readonly<Record<string, string>>,
): AppError {
  return new AppError(code, {
    fields: [{ field, code, message: `${labelOf(field, labels)}：${ERRORS[code].message}` }],
  });
}

/** The same refusal about several input fields at once, each named in Chinese. */
export function fieldsError(code: ErrorCode, fields: readonly string[]): AppError {
  return new AppError(code, {
    fields: fields.map((field) => ({
      field,
      code,
      message: `${labelOf(field)}：${ERRORS[code].message}`,
    })),
  });
}

/** A domain refusal code as an API error code (every domain code the API can meet is listed). */
export const asErrorCode = (code: string): ErrorCode =>
  isErrorCode(code) ? code : 'VALIDATION_FAILED';

/**
 * A domain refusal as the API's error: on the field it names (`onField` false: on the whole
 * request), with the field's Chinese name from `labels` first, or the shared list.
 */
export function refusalError(
  r: { code: string; field?: string; details?: Readonly<Record<string, unknown>> },
  opts: { labels?: Readonly<Record<string, string>>; onField?: boolean } = {},
): AppError {
  const code = asErrorCode(r.code);
  if (r.field && opts.onField !== false) return fieldError(code, r.field, opts.labels);
  return new AppError(code, r.details ? { details: { ...r.details } } : {});
}

function valueAt(source: unknown, path: string[]): unknown {
  let cursor = source;
  for (const key of path) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<string, unknown>)[key];
  }
  return cursor;
}

interface IssueLike {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A short Chinese reason for one schema issue, as a clerk would read it. */
function describeIssue(issue: IssueLike, value: unknown): string {
  const p = issue.params;
  const n = p.minimum ?? p.maximum;
  switch (issue.keyword) {
    case 'invalid_type':
      return value === undefined ? '必填' : '类型不正确';
    case 'too_small':
      if (p.origin === 'string') return n === 1 ? '不能为空' : `至少 ${String(n)} 个字符`;
      if (p.origin === 'array') return `至少选择 ${String(n)} 项`;
      return `不能小于 ${String(n)}`;
    case 'too_big':
      if (p.origin === 'string') return `不能超过 ${String(n)} 个字符`;
      if (p.origin === 'array') return `最多 ${String(n)} 项`;
      return `不能大于 ${String(n)}`;
    case 'invalid_format':
      if (p.format === 'date') return '日期格式应为 年-月-日，如 2026-01-31';
      if (p.format === 'datetime') return '时间格式不正确';
      return issue.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式不正确';
    case 'invalid_value':
      return '不是可选的值';
    case 'unrecognized_keys':
      return `含有无法识别的字段：${((p.keys as string[] | undefined) ?? []).join('、')}`;
    default:
      return '格式不正确';
  }
}

function validationFields(error: FastifyError, request: FastifyRequest): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) {
    return [{ field: error.validationContext ?? 'body', code: 'invalid', message: error.message }];
  }
  const context = error.validationContext ?? 'body';
  const source =
    context === 'body' ? request.body : context === 'querystring' ? request.query : request.params;
  return error.validation.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const field = path.join('.') || context;
    const last = [...path].reverse().find((k) => !/^\d+$/.test(k)) ?? field;
    const named = path.filter((k) => !/^\d+$/.test(k)).join('.');
    const label = FIELD_LABELS[named] ?? FIELD_LABELS[last] ?? last;
    const reason = describeIssue(issue, valueAt(source, path));
    return { field, code: issue.keyword, message: `${label}：${reason}` };
  });
}

const PG_ERRORS: Record<string, ErrorCode> = {
  '23503': 'VALIDATION_FAILED',
  '23514': 'VALIDATION_FAILED',
  '22P02': 'VALIDATION_FAILED',
  '22001': 'VALIDATION_FAILED',
  '22003': 'VALIDATION_FAILED',
  '22007': 'VALIDATION_FAILED',
  '22008': 'VALIDATION_FAILED',
};

/** Unique constraints → the input field that repeats an existing value. */
const UNIQUE_FIELDS: Record<string, string> = {
  centers_code_key: 'code',
  window_units_center_id_code_key: 'code',
  windows_center_id_number_key: 'number',
  staff_center_id_staff_no_key: 'staffNo',
  users_username_idx: 'username',
  users_staff_id_key: 'staffId',
  service_items_center_id_code_key: 'code',
};

/** Unique constraints whose refusal has a code of its own (the same one a service check gives). */
const UNIQUE_CODES: Record<string, ErrorCode> = {
  users_staff_id_key: 'STAFF_HAS_ACCOUNT',
};

function duplicate(constraint: string | undefined): AppError {
  const field = constraint ? UNIQUE_FIELDS[constraint] : undefined;
  if (!field) return new AppError('DUPLICATE');
  const own = constraint ? UNIQUE_CODES[constraint] : undefined;
  if (own) return fieldError(own, field);
  const label = FIELD_LABELS[field] ?? field;
  return new AppError('DUPLICATE', {
    fields: [{ field, code: 'DUPLICATE', message: `${label}：已被使用，请换一个` }],
  });
}

const FASTIFY_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
  FST_ERR_BAD_URL: 'ROUTE_NOT_FOUND',
  FST_ERR_ASYNC_CONSTRAINT: 'ROUTE_NOT_FOUND',
  FST_ERR_RATE_LIMIT: 'RATE_LIMITED',
};

function classify(error: FastifyError & { code?: string }, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (error.validation)
    return new AppError('VALIDATION_FAILED', { fields: validationFields(error, request) });
  const fastifyCode = error.code ? FASTIFY_ERRORS[error.code] : undefined;
  if (fastifyCode) return new AppError(fastifyCode);
  // The database unreachable or its disk full: 503 with its own code, never a 500.
  const trouble = databaseTrouble(error);
  if (trouble) return new AppError(trouble);
  if (error.code === '23505') return duplicate((error as { constraint?: string }).constraint);
  const pgCode = error.code ? PG_ERRORS[error.code] : undefined;
  if (pgCode) return new AppError(pgCode);
  if (error instanceof SyntaxError) return new AppError('BAD_JSON');
  if (error.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (error.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('VALIDATION_FAILED');
  }
  return new AppError('INTERNAL');
}

export function errorBody(err: AppError, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.extra.fields ? { fields: err.extra.fields } : {}),
      ...(err.extra.details ? { details: err.extra.details } : {}),
    },
    requestId,
  };
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const app = classify(error, request);
  if (app.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: app.code, status: app.status }, 'request refused');
  const retry = app.extra.details?.retryAfterSeconds;
  if (typeof retry === 'number') void reply.header('retry-after', String(retry));
  return reply.status(app.status).send(errorBody(app, request.id));
}
