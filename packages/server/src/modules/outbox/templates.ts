/**
 * Every text the application sends, in one place (docs/notifications.md). A template has a key (what
 * the code and the gateway configuration name), a Chinese name (the console's 短信记录), its
 * parameters in order (a gateway such as Tencent's takes them by position), the ones that are secret
 * (never shown or audited in clear) and its text. The sign (【…便民服务中心】) is not part of the
 * text: the gateway adds the sign registered with it (BIANMIN_SMS_SIGN_NAME).
 */

/** What a secret parameter shows wherever it is not needed to send (lists, audit, a sent row). */
export const MASKED = '******';

interface TemplateDef {
  /** The template's Chinese name, as staff read it. */
  name: string;
  /** Parameters in the order positional gateways take them. */
  params: readonly string[];
  /** Parameters never shown in clear outside the message itself. */
  secret: readonly string[];
  render: (p: Readonly<Record<string, string>>) => string;
  /**
   * A message that is worth nothing after this many minutes (a verification code that expired): the
   * worker gives it up instead of sending it late.
   */
  validMinutes?: (p: Readonly<Record<string, string>>) => number;
}

const TEMPLATES = {
  verify_code: {
    name: '短信验证码',
    params: ['code', 'minutes'],
    secret: ['code'],
    render: (p) => `您的验证码是 ${p.code}，${p.minutes} 分钟内有效。如非本人操作，请忽略本短信。`,
    validMinutes: (p) => Number(p.minutes),
  },
  booking_confirmed: {
    name: '预约成功',
    params: ['center', 'item', 'time', 'bookingCode'],
    secret: [],
    render: (p) =>
      `您已预约${p.center}“${p.item}”，时间 ${p.time}，预约码 ${p.bookingCode}。请按时携带有效证件前来办理。`,
  },
  booking_reminder: {
    name: '预约提醒',
    params: ['center', 'item', 'time', 'address'],
    secret: [],
    render: (p) =>
      `温馨提醒：您预约的${p.center}“${p.item}”将于 ${p.time} 办理，地址：${p.address}。请按时前来。`,
  },
  booking_cancelled: {
    name: '预约取消',
    params: ['center', 'item', 'time'],
    secret: [],
    render: (p) => `您预约的${p.center}“${p.item}”（${p.time}）已取消。如需办理，可重新预约。`,
  },
  booking_moved: {
    name: '预约改期',
    params: ['center', 'item', 'time', 'bookingCode'],
    secret: [],
    render: (p) =>
      `您预约的${p.center}“${p.item}”已改到 ${p.time}，预约码 ${p.bookingCode}。请按时前来办理。`,
  },
  visit_received: {
    name: '上门服务申请已收到',
    params: ['center', 'trackingCode'],
    secret: [],
    render: (p) =>
      `您向${p.center}提出的上门服务申请已收到，查询码 ${p.trackingCode}。工作人员将与您联系，商定上门时间。`,
  },
  visit_scheduled: {
    name: '上门服务已安排',
    params: ['center', 'date', 'trackingCode'],
    secret: [],
    render: (p) =>
      `${p.center}已安排工作人员于 ${p.date} 上门服务（查询码 ${p.trackingCode}）。如需改期，请致电中心。`,
  },
  visit_cancelled: {
    name: '上门服务已取消',
    params: ['center', 'trackingCode', 'reason'],
    secret: [],
    render: (p) =>
      `您向${p.center}申请的上门服务（查询码 ${p.trackingCode}）已取消，原因：${p.reason}。如有需要，请致电中心。`,
  },
  report_answered: {
    name: '反映问题已答复',
    params: ['center', 'trackingCode'],
    secret: [],
    render: (p) => `您向${p.center}反映的问题已有处理结果，请凭查询码 ${p.trackingCode} 查看答复。`,
  },
  rating_invite: {
    name: '服务评价邀请',
    // The link carries the case's rating token: whoever holds it may rate that one case.
    params: ['center', 'receiptNo', 'link'],
    secret: ['link'],
    render: (p) =>
      `您在${p.center}办理的事项（受理编号 ${p.receiptNo}）已办结，欢迎对我们的服务作出评价：${p.link}`,
  },
  rating_answered: {
    name: '评价已答复',
    params: ['center', 'receiptNo'],
    secret: [],
    render: (p) =>
      `您对${p.center}办件（受理编号 ${p.receiptNo}）的评价已有整改答复，请凭受理编号和查询码在“办件查询”中查看。`,
  },
  case_extended: {
    name: '办件延期',
    params: ['center', 'receiptNo', 'deadline'],
    secret: [],
    render: (p) =>
      `您在${p.center}办理的事项（受理编号 ${p.receiptNo}）经批准延长办理期限，延长后的办结期限为 ${p.deadline}。可凭受理编号和查询码在“办件查询”中查看办理进度。`,
  },
  inbox_item: {
    name: '待办提醒（工作人员）',
    params: ['kind', 'title'],
    secret: [],
    render: (p) => `【${p.kind}】${p.title}。请登录便民服务中心工作台查看。`,
  },
} as const satisfies Record<string, TemplateDef>;

export type TemplateKey = keyof typeof TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(TEMPLATES) as TemplateKey[];

export const isTemplateKey = (key: string): key is TemplateKey => Object.hasOwn(TEMPLATES, key);

export function templateOf(key: TemplateKey): TemplateDef {
  return TEMPLATES[key];
}

/** The Chinese name of a stored template key (an unknown key shows as itself). */
export const templateName = (key: string): string =>
  isTemplateKey(key) ? TEMPLATES[key].name : key;

/**
 * The text of a message. Every parameter of the template must be given, a non-empty single line
 * (a missing one is a programming error: the message would go out with a hole in it).
 */
export function renderTemplate(key: TemplateKey, params: Readonly<Record<string, string>>): string {
  const def: TemplateDef = TEMPLATES[key];
  const missing = def.params.filter((p) => !params[p]?.trim());
  if (missing.length > 0)
    throw new Error(`template ${key}: parameter(s) ${missing.join(', ')} missing or empty`);
  const extra = Object.keys(params).filter((p) => !def.params.includes(p));
  if (extra.length > 0)
    throw new Error(`template ${key}: unknown parameter(s) ${extra.join(', ')}`);
  return def.render(params);
}

/** The parameters with the secret ones masked (`by` '': emptied, what is kept once sent). */
export function maskSecrets(
  key: string,
  params: Readonly<Record<string, string>>,
  by = MASKED,
): Record<string, string> {
  const secret: readonly string[] = isTemplateKey(key) ? TEMPLATES[key].secret : [];
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, secret.includes(k) ? by : v]),
  );
}

/** The text with its secret parameters masked (what staff read of a code sent by a gateway). */
export function maskedText(key: string, params: Readonly<Record<string, string>>, body: string) {
  if (!isTemplateKey(key) || TEMPLATES[key].secret.length === 0) return body;
  return TEMPLATES[key].render(maskSecrets(key, params));
}

/** Whether a template carries a secret (a code): such a message is never sent again by hand. */
export const hasSecret = (key: string): boolean =>
  isTemplateKey(key) && TEMPLATES[key].secret.length > 0;
