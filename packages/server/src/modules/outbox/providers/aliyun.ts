import * as dysmsapi from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import type { SmsConfig } from '../../../config.ts';
import { endpointOf, GATEWAY_TIMEOUT_MS, sdkGateway } from './sdk.ts';
import type { SmsProvider } from './types.ts';

type ClientClass = typeof dysmsapi.default;
/** The SDK is CommonJS: its class is `default` or `default.default`, depending on the loader. */
const Client: ClientClass =
  (dysmsapi.default as unknown as { default?: ClientClass }).default ?? dysmsapi.default;

/**
 * Business refusals worth another try later: the gateway's own trouble, rate limits, an empty
 * account (topped up, the message goes out). Every other code refuses the message itself.
 */
const RETRY_CODES = new Set([
  'isv.BUSINESS_LIMIT_CONTROL',
  'isv.DAY_LIMIT_CONTROL',
  'isv.AMOUNT_NOT_ENOUGH',
  'isv.OUT_OF_SERVICE',
  'Throttling',
  'Throttling.User',
  'ServiceUnavailable',
]);

/**
 * Alibaba Cloud SMS (阿里云短信服务, SendSms of Dysmsapi 2017-05-25). The template's parameters go as
 * `TemplateParam` JSON under the names of templates.ts: the templates registered with Aliyun use
 * the same variable names (${code}, ${minutes} …).
 */
export function aliyunProvider(config: SmsConfig): SmsProvider {
  const endpoint = endpointOf(config, 'dysmsapi.aliyuncs.com');
  const client = new Client(
    new $OpenApiUtil.Config({
      accessKeyId: config.accessKeyId ?? '',
      accessKeySecret: config.accessKeySecret ?? '',
      regionId: config.region ?? 'cn-hangzhou',
      endpoint: endpoint.host,
      protocol: endpoint.scheme.toUpperCase(),
      connectTimeout: GATEWAY_TIMEOUT_MS,
      readTimeout: GATEWAY_TIMEOUT_MS,
    }),
  );
  return sdkGateway({
    name: 'aliyun',
    config,
    retryable: (code) => RETRY_CODES.has(code) || code.startsWith('isp.'),
    async call(msg, templateId) {
      const { body } = await client.sendSms(
        new dysmsapi.SendSmsRequest({
          phoneNumbers: msg.to,
          signName: config.signName,
          templateCode: templateId,
          templateParam: JSON.stringify(msg.params),
        }),
      );
      return {
        ok: body?.code === 'OK',
        code: body?.code ?? 'unknown',
        message: body?.message,
        id: body?.bizId,
      };
    },
    // The SDK throws for HTTP errors: a 4xx carries the gateway's code; a 5xx is its failure.
    refusedBy: (err) => err.status !== null && err.status < 500,
  });
}
