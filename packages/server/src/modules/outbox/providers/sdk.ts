import type { SmsConfig } from '../../../config.ts';
import type { SendResult, SmsMessage, SmsProvider } from './types.ts';

/** How long a real gateway gets to answer before the try counts as failed (and is retried). */
export const GATEWAY_TIMEOUT_MS = 10_000;

/** What an SDK's error carries: the gateway's code and message, the HTTP status. */
export interface SdkError {
  code: string | null;
  message: string;
  status: number | null;
}

function sdkError(e: unknown): SdkError {
  const err = (e ?? {}) as {
    code?: unknown;
    message?: unknown;
    statusCode?: unknown;
    httpCode?: unknown;
  };
  const status = err.statusCode ?? err.httpCode;
  return {
    code: typeof err.code === 'string' && err.code !== '' ? err.code : null,
    message: typeof err.message === 'string' ? err.message : '',
    status: typeof status === 'number' ? status : null,
  };
}

/** The gateway's answer to one message: its own code and message, and its id for the message. */
export interface GatewayAnswer {
  ok: boolean;
  code: string;
  message?: string | undefined;
  id?: string | undefined;
}

/**
 * A real gateway through its SDK: the template's id from BIANMIN_SMS_TEMPLATES (none: the message
 * is refused, naming the setting, and the gateway is not called), then the call. A refusal with the
 * gateway's code is tried again when `retryable` says so; an HTTP error without one, a timeout or a
 * network failure always is.
 */
export function sdkGateway(opts: {
  name: string;
  config: SmsConfig;
  retryable: (code: string) => boolean;
  call: (msg: SmsMessage, templateId: string) => Promise<GatewayAnswer>;
  /** Whether an error the SDK threw is the gateway refusing (with its code), not a failure. */
  refusedBy: (err: SdkError) => boolean;
}): SmsProvider {
  const refusal = (code: string, message: string | undefined): SendResult => ({
    ok: false,
    error: `${code}: ${message ?? ''}`,
    retry: opts.retryable(code),
  });
  return {
    name: opts.name,
    async send(msg) {
      const templateId = opts.config.templates[msg.template];
      if (!templateId)
        return {
          ok: false,
          error: `BIANMIN_SMS_TEMPLATES 中没有“${msg.template}”的模板编号 / no template id for ${msg.template} in BIANMIN_SMS_TEMPLATES`,
          retry: false,
        };
      try {
        const answer = await opts.call(msg, templateId);
        if (answer.ok) return { ok: true, ...(answer.id ? { id: answer.id } : {}) };
        return refusal(answer.code, answer.message);
      } catch (e) {
        const err = sdkError(e);
        if (err.code !== null && opts.refusedBy(err)) return refusal(err.code, err.message);
        return { ok: false, error: err.message || String(e), retry: true };
      }
    },
  };
}

/** A gateway's address from BIANMIN_SMS_ENDPOINT: its host and scheme, or its public ones. */
export function endpointOf(config: SmsConfig, host: string) {
  const url = config.endpoint ? new URL(config.endpoint) : null;
  return url
    ? { host: url.host, scheme: url.protocol.replace(':', '') }
    : { host, scheme: 'https' };
}
