import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type SmsConfig } from '../src/config.ts';
import { smsProviderOf } from '../src/modules/outbox/providers/index.ts';
import type { SmsMessage } from '../src/modules/outbox/providers/types.ts';

/**
 * The Aliyun and Tencent gateways against a fake of each on 127.0.0.1 (never the internet): the fake
 * checks what the SDK sent (number, template, sign, parameters) and answers in the shapes the real
 * APIs use for success, a refusal of the message, a rate limit and a server error.
 */

interface Seen {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}
type Answer = { status: number; json: unknown };

class FakeGateway {
  seen: Seen[] = [];
  answer: Answer = { status: 200, json: {} };
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.seen.push({
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(this.answer.status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(this.answer.json));
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  /** The request's parameters, wherever the SDK put them (query, form or JSON body). */
  params(i = -1): Record<string, unknown> {
    const s = this.seen.at(i)!;
    const fromBody = s.headers['content-type']?.includes('json')
      ? (JSON.parse(s.body) as Record<string, unknown>)
      : Object.fromEntries(new URLSearchParams(s.body));
    return { ...Object.fromEntries(s.url.searchParams), ...fromBody };
  }
}

const CODE: SmsMessage = {
  to: '13812345678',
  template: 'verify_code',
  params: { code: '204913', minutes: '5' },
  body: '您的验证码是 204913，5 分钟内有效。如非本人操作，请忽略本短信。',
};
const log = { info: () => undefined };

const configOf = (provider: 'aliyun' | 'tencent', endpoint: string): SmsConfig => ({
  provider,
  signName: '青石镇便民服务中心',
  accessKeyId: 'test-key-id',
  accessKeySecret: 'test-key-secret',
  sdkAppId: '1400000001',
  region: null,
  endpoint,
  templates: { verify_code: provider === 'aliyun' ? 'SMS_480213' : '1480213' },
});

describe('the Aliyun gateway (Dysmsapi SendSms)', () => {
  const fake = new FakeGateway();
  let config: SmsConfig;
  beforeAll(async () => {
    config = configOf('aliyun', await fake.start());
  });
  afterAll(() => fake.stop());

  it('sends the number, sign, template code and parameters, and keeps the BizId', async () => {
    fake.answer = {
      status: 200,
      json: { Code: 'OK', Message: 'OK', BizId: '900619746936498440^0', RequestId: 'F655A8D5' },
    };
    const gateway = await smsProviderOf(config, log);
    expect(gateway.name).toBe('aliyun');
    expect(await gateway.send(CODE)).toEqual({ ok: true, id: '900619746936498440^0' });
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]!.headers['x-acs-action']).toBe('SendSms');
    expect(fake.seen[0]!.headers.authorization).toContain('test-key-id');
    expect(fake.params()).toMatchObject({
      PhoneNumbers: '13812345678',
      SignName: '青石镇便民服务中心',
      TemplateCode: 'SMS_480213',
    });
    expect(JSON.parse(String(fake.params().TemplateParam))).toEqual({
      code: '204913',
      minutes: '5',
    });
  });

  it('refuses a message the gateway refuses, and tries again after a rate limit', async () => {
    const gateway = await smsProviderOf(config, log);
    fake.answer = {
      status: 200,
      json: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'A1' },
    };
    expect(await gateway.send(CODE)).toEqual({
      ok: false,
      error: 'isv.MOBILE_NUMBER_ILLEGAL: 非法手机号',
      retry: false,
    });
    fake.answer = {
      status: 200,
      json: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控', RequestId: 'A2' },
    };
    expect(await gateway.send(CODE)).toMatchObject({ ok: false, retry: true });
    fake.answer = {
      status: 404,
      json: {
        Code: 'InvalidAccessKeyId.NotFound',
        Message: 'Specified access key is not found.',
        RequestId: 'A3',
      },
    };
    expect(await gateway.send(CODE)).toMatchObject({
      ok: false,
      error: expect.stringContaining('InvalidAccessKeyId.NotFound'),
      retry: false,
    });
  });

  it('tries again later after an HTTP 500, without repeating the request itself', async () => {
    const gateway = await smsProviderOf(config, log);
    fake.seen = [];
    fake.answer = {
      status: 500,
      json: { Code: 'InternalError', Message: 'The request processing has failed.' },
    };
    expect(await gateway.send(CODE)).toMatchObject({ ok: false, retry: true });
    expect(fake.seen).toHaveLength(1);
  });

  it('refuses a template with no id configured, without calling the gateway', async () => {
    fake.seen = [];
    const res = await (
      await smsProviderOf(config, log)
    ).send({
      ...CODE,
      template: 'rating_invite',
      params: { center: '青石镇便民服务中心', receiptNo: 'QS-2026-000123' },
    });
    expect(res).toMatchObject({ ok: false, retry: false });
    expect(!res.ok && res.error).toContain('BIANMIN_SMS_TEMPLATES');
    expect(fake.seen).toHaveLength(0);
  });
});

describe('the Tencent gateway (SMS 2021-01-11 SendSms)', () => {
  const fake = new FakeGateway();
  let config: SmsConfig;
  beforeAll(async () => {
    config = configOf('tencent', await fake.start());
  });
  afterAll(() => fake.stop());

  const status = (Code: string, Message: string) => ({
    status: 200,
    json: {
      Response: {
        SendStatusSet: [
          {
            SerialNo: Code === 'Ok' ? '5000:1045710669157053657849499619' : '',
            PhoneNumber: '+8613812345678',
            Fee: Code === 'Ok' ? 1 : 0,
            SessionContext: '',
            Code,
            Message,
            IsoCode: 'CN',
          },
        ],
        RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
      },
    },
  });

  it('sends the number, app, sign, template id and the parameters in order', async () => {
    fake.answer = status('Ok', 'send success');
    const gateway = await smsProviderOf(config, log);
    expect(gateway.name).toBe('tencent');
    expect(await gateway.send(CODE)).toEqual({
      ok: true,
      id: '5000:1045710669157053657849499619',
    });
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]!.headers['x-tc-action']).toBe('SendSms');
    expect(fake.seen[0]!.headers.authorization).toContain('test-key-id');
    expect(fake.params()).toEqual({
      PhoneNumberSet: ['+8613812345678'],
      SmsSdkAppId: '1400000001',
      SignName: '青石镇便民服务中心',
      TemplateId: '1480213',
      TemplateParamSet: ['204913', '5'],
    });
  });

  it('refuses a wrong number, tries again after a rate limit or an error answer of the server', async () => {
    const gateway = await smsProviderOf(config, log);
    fake.answer = status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误');
    expect(await gateway.send(CODE)).toEqual({
      ok: false,
      error: 'InvalidParameterValue.IncorrectPhoneNumber: 手机号格式错误',
      retry: false,
    });
    fake.answer = status(
      'LimitExceeded.PhoneNumberThirtySecondLimit',
      '单个手机号30秒内下发短信条数超过设定的上限',
    );
    expect(await gateway.send(CODE)).toMatchObject({ ok: false, retry: true });
    fake.answer = {
      status: 200,
      json: {
        Response: {
          Error: { Code: 'AuthFailure.SecretIdNotFound', Message: 'The SecretId is not found' },
          RequestId: 'b1',
        },
      },
    };
    expect(await gateway.send(CODE)).toEqual({
      ok: false,
      error: 'AuthFailure.SecretIdNotFound: The SecretId is not found',
      retry: false,
    });
    fake.answer = {
      status: 200,
      json: {
        Response: {
          Error: { Code: 'InternalError.Timeout', Message: '请求下发短信超时' },
          RequestId: 'b2',
        },
      },
    };
    expect(await gateway.send(CODE)).toMatchObject({ ok: false, retry: true });
  });

  it('tries again later after an HTTP 500', async () => {
    fake.seen = [];
    fake.answer = { status: 500, json: {} };
    expect(await (await smsProviderOf(config, log)).send(CODE)).toMatchObject({
      ok: false,
      retry: true,
    });
    expect(fake.seen).toHaveLength(1);
  });
});

describe('SMS configuration', () => {
  it('is the log gateway by default, which prints the text and counts it sent', async () => {
    const config = loadConfig({});
    expect(config.sms).toMatchObject({ provider: 'log', signName: '便民服务中心', templates: {} });
    const lines: { obj: object; msg: string }[] = [];
    const gateway = await smsProviderOf(config.sms, {
      info: (obj, msg) => lines.push({ obj, msg }),
    });
    expect(await gateway.send(CODE)).toEqual({ ok: true });
    expect(lines[0]!.obj).toMatchObject({
      to: '138****5678',
      text: `【便民服务中心】${CODE.body}`,
    });
  });

  it('refuses a real gateway without its account, naming each missing variable on one line', () => {
    const fail = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    const aliyun = fail({ BIANMIN_SMS_PROVIDER: 'aliyun', BIANMIN_SMS_ACCESS_KEY_ID: 'k' });
    expect(aliyun).toContain('BIANMIN_SMS_SIGN_NAME');
    expect(aliyun).toContain('BIANMIN_SMS_ACCESS_KEY_SECRET');
    expect(aliyun).not.toContain('BIANMIN_SMS_ACCESS_KEY_ID');
    expect(aliyun).not.toContain('\n');
    const tencent = fail({
      BIANMIN_SMS_PROVIDER: 'tencent',
      BIANMIN_SMS_SIGN_NAME: '青石镇便民服务中心',
      BIANMIN_SMS_ACCESS_KEY_ID: 'k',
      BIANMIN_SMS_ACCESS_KEY_SECRET: 's',
    });
    expect(tencent).toContain('BIANMIN_SMS_SDK_APP_ID');
    expect(fail({ BIANMIN_SMS_PROVIDER: 'twilio' })).toContain('BIANMIN_SMS_PROVIDER');
    expect(fail({ BIANMIN_SMS_TEMPLATES: '{verify_code:1}' })).toContain('BIANMIN_SMS_TEMPLATES');
    expect(fail({ BIANMIN_SMS_TEMPLATES: '{"no_such":"1"}' })).toContain('no_such');
    expect(fail({ BIANMIN_SMS_ENDPOINT: 'ftp://127.0.0.1' })).toContain('BIANMIN_SMS_ENDPOINT');
  });

  it('reads a complete gateway configuration', () => {
    const config = loadConfig({
      BIANMIN_SMS_PROVIDER: 'tencent',
      BIANMIN_SMS_SIGN_NAME: '青石镇便民服务中心',
      BIANMIN_SMS_ACCESS_KEY_ID: 'AKID',
      BIANMIN_SMS_ACCESS_KEY_SECRET: 'secret',
      BIANMIN_SMS_SDK_APP_ID: '1400000001',
      BIANMIN_SMS_REGION: 'ap-beijing',
      BIANMIN_SMS_ENDPOINT: 'http://127.0.0.1:9999',
      BIANMIN_SMS_TEMPLATES: '{"verify_code":"1480213","booking_confirmed":"1480214"}',
    });
    expect(config.sms).toEqual({
      provider: 'tencent',
      signName: '青石镇便民服务中心',
      accessKeyId: 'AKID',
      accessKeySecret: 'secret',
      sdkAppId: '1400000001',
      region: 'ap-beijing',
      endpoint: 'http://127.0.0.1:9999',
      templates: { verify_code: '1480213', booking_confirmed: '1480214' },
    });
  });
});
