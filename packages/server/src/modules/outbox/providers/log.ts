import { maskPhone } from '@bianmin/domain';
import type { SmsProvider } from './types.ts';

interface InfoLogger {
  info(obj: object, msg: string): void;
}

/**
 * No gateway: the message is written to the server's log (and stays readable in the console's
 * 短信记录) and counts as sent. The demo's and a center's that has not signed up with a gateway yet.
 */
export function logProvider(log: InfoLogger, signName: string): SmsProvider {
  return {
    name: 'log',
    async send(msg) {
      log.info(
        { to: maskPhone(msg.to), template: msg.template, text: `【${signName}】${msg.body}` },
        '短信（未配置短信网关，只记录不发送） / SMS logged, not sent: no gateway configured',
      );
      return { ok: true };
    },
  };
}
