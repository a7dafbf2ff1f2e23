import type { SmsConfig } from '../../../config.ts';
import { aliyunProvider } from './aliyun.ts';
import { logProvider } from './log.ts';
import { tencentProvider } from './tencent.ts';
import type { SmsProvider } from './types.ts';

export type { SendResult, SmsMessage, SmsProvider } from './types.ts';

/** The gateway the configuration names (BIANMIN_SMS_PROVIDER); `log` prints to `log`. */
export function smsProviderOf(
  config: SmsConfig,
  log: { info(obj: object, msg: string): void },
): SmsProvider {
  switch (config.provider) {
    case 'log':
      return logProvider(log, config.signName);
    case 'aliyun':
      return aliyunProvider(config);
    case 'tencent':
      return tencentProvider(config);
  }
}
