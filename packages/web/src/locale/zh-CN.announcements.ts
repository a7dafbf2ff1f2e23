/**
 * Strings of 办结公告 (completion announcements, DOMAIN.md §4) in the console: the list with its
 * publish and withhold actions, the center's publication period, and the card of late ones on the
 * director's board.
 */
export const announcementsText = {
  announcementsMenu: { announcements: '办结公告' },

  announcements: {
    title: '办结公告',
    description:
      '服务事项中标明“办结须公告”的事项，办结后应在第一个工作日下班前在中心政务公告栏（群众门户）公告。公告栏上申请人只显示姓（如“张*”），企业显示全称。涉及个人隐私等不宜公告的，可填写理由不予公告，理由记入审计日志。逾期公告的，在办件督办中统计。',
    statusFilter: '按公告状态查看',
    allStatuses: '全部',
    statuses: {
      pending: '待公告',
      published: '已公告',
      withheld: '不予公告',
    } as Record<string, string>,
    empty: {
      all: '还没有需要公告的办件',
      pending: '没有待公告的办件',
      published: '还没有已公告的办件',
      withheld: '没有不予公告的办件',
    } as Record<string, string>,
    columns: {
      receipt: '受理编号和事项',
      applicant: '申请人',
      completedAt: '办结时间',
      resultLine: '办理结果',
      dueAt: '应公告期限',
      state: '公告情况',
    },
    overdue: '已超期',
    publishedLate: '超过期限才公告',
    publishedAt: (at: string, by: string | null) => (by ? `${at} 由 ${by} 公告` : `${at} 公告`),
    until: (at: string) => `公告栏展示至 ${at}`,
    withheldBy: (by: string) => `${by} 决定不予公告`,
    withheldReason: (reason: string) => `理由：${reason}`,
    rowName: (receiptNo: string) => `受理编号 ${receiptNo}`,
    actions: { publish: '公告', withhold: '不予公告' },

    // 公告
    publishTitle: '公告办结结果',
    publishIntro: '确认后，公告栏上将显示下面这一条（申请人已隐去名字）：',
    publishOk: '确认公告',
    publishedOk: (until: string) => `已公告，公告栏展示至 ${until}`,
    /** The lines of the public board (群众门户的公告栏), under the item's name. */
    board: {
      receiptNo: '受理编号',
      applicant: '申请人',
      completedOn: '办结日期',
      resultLine: '办理结果',
      until: '公告至',
    },
    boardUntil: (until: string, days: number) => `${until}（今天起公告 ${days} 天）`,
    boardUntilUnknown: '按中心设置的公告期',
    resultLine: '办理结果（公告内容）',
    resultLineHelp: '最多 100 个字。可删去涉及个人隐私、商业秘密的内容，但不能改变结果。',

    // 不予公告
    withholdTitle: '不予公告',
    withholdIntro: (receiptNo: string, item: string) =>
      `受理编号 ${receiptNo}（${item}）将不在公告栏公告。请写明理由，理由和决定人记入审计日志。`,
    reason: '不予公告的理由',
    reasonPlaceholder: '如：涉及个人隐私',
    withholdOk: '不予公告',
    withheld: '已决定不予公告',

    // 公告设置
    settingsTitle: '公告设置',
    settingsIntro:
      '办结公告在政务公告栏上展示的天数，按自然日计算，从公告之时起算。规定为 7 天。修改后只对以后公告的办件生效，已在公告栏上的不变。',
    publishDays: '公告期（天）',
    publishDaysHelp: '1 至 90 天',
    daysUnit: '天',
    saveSettings: '保存公告设置',
    settingsSaved: '公告设置已保存',
  },

  /** The card on the director's board (办件督办). */
  announcementsBoard: {
    title: '逾期公告',
    hint: '本月超过期限仍未公告的，以及超过期限才公告的办结公告。应在办结后第一个工作日下班前公告。',
    count: (n: number) => `共 ${n} 件`,
    empty: '本月没有逾期的办结公告。',
    receiptNo: '受理编号',
    item: '办理事项',
    dueAt: '应公告期限',
    publishedAt: '公告时间',
    notYet: '尚未公告',
    lateBy: '超期时长',
  },
};
