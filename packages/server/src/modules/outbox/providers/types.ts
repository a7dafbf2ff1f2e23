import type { TemplateKey } from '../templates.ts';

/** One text message as a gateway receives it: the number, the template and its text. */
export interface SmsMessage {
  to: string;
  template: TemplateKey;
  params: Readonly<Record<string, string>>;
  /** The rendered text (the log gateway prints it; real gateways render their registered copy). */
  body: string;
}

/**
 * What a gateway answered. `retry`: worth trying again later (the gateway or the network failed, a
 * rate limit); false when the message itself is refused (a wrong number, a template not approved).
 */
export type SendResult = { ok: true; id?: string } | { ok: false; error: string; retry: boolean };

/** A way out for text messages. */
export interface SmsProvider {
  /** Stored with each message it sent: 'log', 'aliyun', 'tencent'. */
  readonly name: string;
  send(msg: SmsMessage): Promise<SendResult>;
}
