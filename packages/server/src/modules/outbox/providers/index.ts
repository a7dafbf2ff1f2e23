import type { SmsConfig } from '../../../config.ts';
import { logProvider } from './log.ts';
import type { SmsProvider } from './types.ts';

export type { SendResult, SmsMessage, SmsProvider } from './types.ts';

/**
 * The gateway the configuration names (BIANMIN_SMS_PROVIDER); `log` prints to `log`. A cloud
 * gateway's SDK is loaded only when it is the one configured: each is large, and a start that does
 * not use it should not pay for it (docs/perf.md, "The embedded server with 1,000,000 cases").
 */
export async function smsProviderOf(
  config: SmsConfig,
  log: { info(obj: object, msg: string): void },
): Promise<SmsProvider> {
  switch (config.provider) {
    case 'log':
      return logProvider(log, config.signName);
    case 'aliyun':
      return (await import('./aliyun.ts')).aliyunProvider(config);
    case 'tencent':
      return (await import('./tencent.ts')).tencentProvider(config);
  }
}
