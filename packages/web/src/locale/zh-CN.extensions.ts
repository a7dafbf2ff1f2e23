/**
 * Strings of 延期申请 and 催办 (issue 11): the holder's request on the case page, the leader's
 * decision (in the inbox, on the case page and on the list of requests), and urging from the board
 * and the case page.
 */
export const extensionsText = {
  extensionsMenu: { extensions: '延期审批' },

  extensions: {
    // The holder's request
    request: '申请延期',
    requestTitle: '申请延期',
    requestOk: '延期申请已提交，等待中心主任审批',
    days: '延期天数',
    reason: '延期理由',
    reasonPlaceholder: '例如：需入户核查家庭经济状况，村委会证明尚未出具',
    unitWords: { working: '个工作日', calendar: '日' } as Record<string, string>,
    daysHelp: (max: number, unit: string) =>
      `最多 ${max} ${unit}。每个办件只能延期一次，须在办理期限内申请，由中心主任或分管领导批准。`,
    deadlineNow: '现在的办结期限',
    deadlineAfter: '批准后的办结期限',
    deadlineAfterHint: '按申请时间计算：只要在期限内提出，审批晚一些也不影响。',
    ruleOnly:
      '每个办件只能延期一次，须在办理期限内申请并写明理由，由中心主任或分管领导批准；批准后系统出具延期告知书并短信告知申请人。',
    extensionRequestedAt: (at: string) => `（承办人于 ${at} 申请，按申请时的期限计算）`,
    // The requests of a case
    cardTitle: '延期申请',
    requestedLine: (name: string, days: number, unit: string, at: string) =>
      `${name} 于 ${at} 申请延期 ${days} ${unit}`,
    reasonLine: (reason: string) => `理由：${reason}`,
    decidedLine: (status: string, by: string, at: string) => `${by} 于 ${at} ${status}`,
    decisionReasonLine: (reason: string) => `审批意见：${reason}`,
    withdraw: '撤回申请',
    withdrawConfirm: '撤回这份延期申请？撤回后可以重新申请。',
    withdrawOk: '延期申请已撤回',
    waitingHint: '等待中心主任审批。审批结果会送到您的“待办与提醒”。',
    // The decision
    decisionTitle: '延期申请审批',
    applicant: '申请人',
    caseLabel: '办件',
    deadlineChange: '办结期限',
    deadlineArrow: (from: string, to: string) => `${from} → ${to}`,
    approve: '批准',
    refuse: '不批准',
    approveConfirm: (days: number, unit: string, to: string) =>
      `批准延期 ${days} ${unit}？办结期限将延至 ${to}，系统出具延期告知书并短信告知申请人。`,
    approveOk: '已批准延期，延期告知书已出具',
    refuseTitle: '不批准延期申请',
    refuseReason: '不批准的理由',
    refuseReasonPlaceholder: '承办人会看到这段话，例如：期限尚充裕，请抓紧办理',
    refuseOk: '已不批准，承办人会收到通知',
    blocked: (why: string) => `不能批准：${why}`,
    notApprover: '您可以查看这份申请，审批由中心主任或分管领导进行。',
    loading: '正在读取延期申请…',
    openCase: '查看办件',
    // The list page
    listTitle: '延期审批',
    listDescription:
      '承办人提出的延期申请。批准后按申请时的期限计算延期（期限内提出的申请，审批晚一些也不影响），并自动出具延期告知书、短信告知申请人；不批准须写明理由。',
    show: '查看',
    showPending: '待审批',
    showAll: '含近 90 天已处理',
    empty: '没有待审批的延期申请',
    emptyAll: '近 90 天没有延期申请',
    colReceipt: '受理编号',
    colItem: '事项',
    colHolder: '申请人',
    colDays: '延期',
    colReason: '理由',
    colRequestedAt: '申请时间',
    colDeadline: '办结期限（现在 → 批准后）',
    colStatus: '状态',
    colAction: '操作',
    decideButton: '审批',
    pendingCount: (n: number) => `待审批 ${n} 份`,
  },

  boardDueSoon: {
    title: '即将到期的办件',
    count: (n: number) => `${n} 件`,
    hint: '已用去大部分办理期限、尚未超期的办件（黄牌），按办结期限先后排列。可催办承办人抓紧办理。',
    empty: '没有即将到期的办件',
  },

  urge: {
    button: '催办',
    buttonLabel: (receiptNo: string) => `催办 ${receiptNo}`,
    title: (receiptNo: string) => `催办 ${receiptNo}`,
    note: '催办意见（可不填）',
    notePlaceholder: '例如：申请人多次来电询问，请今天内答复',
    hint: '承办人会在“待办与提醒”中收到催办，催办记入办件轨迹。',
    ok: '已催办，承办人会收到提醒',
    count: '催办',
    countValue: (n: number) => (n === 0 ? '未催办' : `${n} 次`),
    cardTitle: '催办',
    summary: (n: number) => (n === 0 ? '尚未催办。' : `已催办 ${n} 次。`),
    line: (by: string, at: string) => `${at} ${by} 催办`,
  },
} as const;
