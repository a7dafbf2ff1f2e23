/** Strings of 短信记录 (the text messages the system sent, and their delivery). */
export const outboxText = {
  outboxMenu: { group: '对外通知', outbox: '短信记录' },

  outbox: {
    title: '短信记录',
    description:
      '系统发给办事人的短信（验证码、预约通知、答复提醒等）及其发送状态。发送失败的会自动重试（1、2、4、8、16 分钟后），仍失败的可在这里重新发送。手机号已隐去中间四位。',
    logBanner: '未配置短信网关：短信只记录在这里，没有真正发出',
    logBannerDetail:
      '演示或尚未开通短信服务时，验证码等短信只显示在本页，办事人的手机收不到。如需真正发送，请联系系统管理员配置短信网关。',
    empty: '还没有短信',
    stateFilter: '按发送状态查看',
    allStates: '全部',
    states: { pending: '待发送', sent: '已发送', failed: '发送失败' } as Record<string, string>,
    createdAt: '时间',
    recipient: '接收手机',
    template: '短信类型',
    text: '短信内容',
    state: '发送状态',
    attempts: '尝试次数',
    error: '失败原因',
    nextAttempt: (at: string) => `下次尝试：${at}`,
    sentAt: (at: string) => `发送于 ${at}`,
    viaProvider: (name: string) => `短信网关：${name}`,
    providers: { log: '未配置（只记录）', aliyun: '阿里云短信', tencent: '腾讯云短信' } as Record<
      string,
      string
    >,
    retry: '重新发送',
    rowName: (id: number) => `第 ${id} 条短信`,
    retried: '已重新排队发送',
    codeNotResent: '验证码不重发',
  },
};
