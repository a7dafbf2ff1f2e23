import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { SmsConfig } from '../../../config.ts';
import { templateOf } from '../templates.ts';
import { endpointOf, GATEWAY_TIMEOUT_MS, sdkGateway } from './sdk.ts';
import type { SmsProvider } from './types.ts';

/**
 * Tencent Cloud SMS (腾讯云短信, SendSms of API 2021-01-11). Its templates take their parameters by
 * position: in the order templates.ts lists them.
 */
export function tencentProvider(config: SmsConfig): SmsProvider {
  const endpoint = endpointOf(config, 'sms.tencentcloudapi.com');
  const client = new sms.v20210111.Client({
    credential: {
      secretId: config.accessKeyId ?? '',
      secretKey: config.accessKeySecret ?? '',
    },
    region: config.region ?? 'ap-guangzhou',
    profile: {
      httpProfile: {
        endpoint: endpoint.host,
        protocol: `${endpoint.scheme}://`,
        reqTimeout: GATEWAY_TIMEOUT_MS / 1000,
      },
    },
  });
  return sdkGateway({
    name: 'tencent',
    config,
    // Worth another try: the gateway's trouble, rate limits, an empty SMS package.
    retryable: (code) =>
      code.startsWith('InternalError') ||
      code.startsWith('LimitExceeded') ||
      code === 'RequestLimitExceeded' ||
      code === 'FailedOperation.InsufficientBalanceInSmsPackage',
    async call(msg, templateId) {
      const res = await client.SendSms({
        PhoneNumberSet: [`+86${msg.to}`],
        SmsSdkAppId: config.sdkAppId ?? '',
        SignName: config.signName,
        TemplateId: templateId,
        TemplateParamSet: templateOf(msg.template).params.map((p) => msg.params[p] ?? ''),
      });
      const status = res.SendStatusSet?.[0];
      return {
        ok: status?.Code === 'Ok',
        code: status?.Code ?? 'unknown',
        message: status?.Message,
        id: status?.SerialNo,
      };
    },
    // An error answer carries the gateway's code and no HTTP status; an HTTP error is a failure.
    refusedBy: (err) => err.status === null,
  });
}
