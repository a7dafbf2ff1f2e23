/**
 * Strings of 待办与提醒 (the inbox, issue 11): the bell in the header, the page of one's items, and
 * the text-message choice. The kinds' own names come from INBOX_KINDS (@bianmin/domain).
 */
export const inboxText = {
  inboxMenu: { inbox: '待办与提醒' },

  inbox: {
    bell: '待办与提醒',
    bellCount: (n: number) => (n > 0 ? `待办与提醒，${n} 条未读` : '待办与提醒，没有未读'),
    bellTitle: '最新待办与提醒',
    bellEmpty: '暂无待办与提醒',
    bellAll: '查看全部',
    title: '待办与提醒',
    description:
      '与您有关的事会自动送到这里：办件即将到期或已超期、移交给您的办件、预约和上门服务安排、考核记录、请假和申诉的处理结果等；中心主任、分管领导和考核小组还会收到待审批、待处理的事项。点标题打开相关页面。需要时可在下方设置同时发短信到手机。',
    filter: '查看',
    filters: { all: '全部', unread: '未读' } as Record<string, string>,
    kind: '类别',
    allKinds: '全部类别',
    empty: '暂无待办与提醒',
    emptyUnread: '没有未读的待办与提醒',
    unread: '未读',
    unreadCount: (n: number) => `未读 ${n} 条`,
    markRead: '标为已读',
    markedRead: '已标为已读',
    readAll: '全部标为已读',
    readAllConfirm: '把所有未读的待办与提醒都标为已读？',
    readAllDone: (n: number) => (n > 0 ? `已将 ${n} 条标为已读` : '没有未读的待办与提醒'),
    open: '打开',
    readAt: (at: string) => `已读于 ${at}`,
    itemName: (title: string) => `“${title}”`,
    decide: '在此审批',
    settings: {
      title: '短信提醒',
      description:
        '勾选的类别除了在这里显示，还会发短信到您的手机（短信只说明事由，详情请登录查看）。不勾选则只在系统内提醒。',
      mobile: '接收短信的手机号码',
      mobilePlaceholder: '11 位手机号码',
      mobileHelp: '勾选任一类别时必填；清空并取消所有勾选即不再发短信',
      kinds: '以下事项同时发短信',
      kindsHelp: '只列出与您的岗位有关的类别',
      digest: '每日督办摘要',
      digestHelp:
        '每个工作日 8:30 起，在待办中收到当天的督办摘要（超期、预警、延期待审批、差评待回访等件数）。勾选上方“每日督办摘要”类别可同时收到短信。',
      digestOn: '接收',
      digestOff: '不接收',
      save: '保存设置',
      saved: '短信提醒设置已保存',
    },
  },
} as const;
