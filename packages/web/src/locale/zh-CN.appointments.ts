/**
 * Strings of 预约 (appointments) in the console: the bookings list, a booking taken by phone, letter
 * or e-mail, moving and cancelling, the hand-off to the intake, and the center's booking settings.
 * The channel names (网上, 电话 …) are the cases' CHANNEL_LABELS from @bianmin/contracts.
 */
export const appointmentsText = {
  appointmentsMenu: { bookings: '预约登记' },

  appointments: {
    title: '预约登记',
    description:
      '办事群众在网上预约的，或打电话、来信、发电子邮件请中心代为预约的，都在这里。办事人按预约来到窗口时点“受理”，直接转为办件。',
    tabList: '预约名单',
    tabSettings: '预约设置',
    create: '登记预约',
    empty: '这一天没有符合条件的预约',
    emptyAllDates: '没有符合条件的预约',
    date: '预约日期',
    allDates: '全部日期',
    today: '今天',
    statusFilter: '预约状态',
    allStatuses: '全部状态',
    search: '查找预约',
    searchPlaceholder: '预约码、姓名或手机号',
    statuses: {
      booked: '已预约',
      cancelled: '已取消',
      arrived: '已到',
      no_show: '未到',
    } as Record<string, string>,
    columns: {
      slot: '预约时段',
      code: '预约码',
      item: '办理事项',
      applicant: '办事人',
      channel: '预约方式',
      status: '状态',
      receipt: '受理编号',
    },
    citizen: '本人网上预约',
    enteredBy: (name: string) => `${name} 登记`,
    moved: (n: number) => `改期 ${n} 次`,
    slot: (start: string, end: string) => `${start}–${end}`,
    /** "5月12日 周二" */
    day: (month: number, date: number, weekday: string) => `${month}月${date}日 ${weekday}`,
    weekdays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],

    actions: {
      intake: '受理',
      move: '改期',
      cancel: '取消',
      noShow: '记为未到',
    },
    cancelTitle: '取消预约',
    cancelAsk: (who: string, when: string) =>
      `确定要取消 ${who} ${when} 的预约吗？取消后这个时段会让给别人。`,
    cancelOk: '取消预约',
    cancelKeep: '不取消',
    cancelled: '预约已取消',
    noShowTitle: '记为未到',
    noShowAsk: (who: string, when: string) =>
      `${who} ${when} 的预约时段已过，确定记为未到吗？近期多次未到的手机号会暂停网上预约。`,
    noShowOk: '记为未到',
    noShowDone: '已记为未到',

    moveTitle: '预约改期',
    moveIntro: (who: string, item: string) =>
      `为 ${who} 的“${item}”预约选一个新的日子和时段。预约码不变。`,
    moveOk: '确定改期',
    movedTo: (when: string) => `已改到 ${when}`,
    currentSlot: '原预约',

    // 登记预约
    createTitle: '登记预约',
    createIntro:
      '办事人打电话、来信或发电子邮件请中心代为预约时，在这里登记。登记后系统会给办事人的手机发短信，告诉他预约码和办理时间。',
    channel: '预约方式',
    item: '办理事项',
    itemPlaceholder: '输入事项名称查找',
    noBookableItems: '本中心还没有可以预约的事项（在“服务事项”中把事项设为“可预约”）。',
    slotField: '日期和时段',
    slotRequired: '请选择预约的日期和时段',
    chooseItemFirst: '请先选择办理事项',
    name: '办事人姓名',
    mobile: '手机号',
    mobileHint: '预约码和提醒短信会发到这个手机',
    mobileWrong: '请填写 11 位手机号码',
    note: '备注',
    notePlaceholder: '如：来电时间、信件编号、要带的材料已告知等',
    optional: '选填',
    createOk: '登记预约',

    doneTitle: '预约已登记',
    code: '预约码',
    codeReadOut: '请把预约码念给办事人，请他记下。查看、改期或取消预约都要用预约码和手机号。',
    smsQueued: (phone: string) => `预约确认短信已排队发送到 ${phone}（内容有预约码、日期和时段）。`,
    doneWhen: '办理时间',
    doneClose: '知道了',

    // The slot picker
    days: '预约日期',
    slots: '预约时段',
    left: (n: number) => `余 ${n}`,
    full: '约满',
    makeUp: '调休上班',
    morning: '上午',
    afternoon: '下午',
    noDays: '近期没有可以预约的日子。',
    dayFull: '这一天已约满，请选其他日子。',
    calendarMissing: (date: string) =>
      `${date} 起的日子暂不能预约：那一年的工作日历（节假日安排）还没有录入。录入后就可以预约。`,
    itemUnit: (unit: string) => `由${unit}窗口办理`,

    // Hand-off to the intake (窗口工作台)
    fromBooking: '按预约受理',
    fromBookingLine: (code: string, when: string, item: string) =>
      `预约码 ${code}，${when}，${item}。事项和办事人姓名已从预约带入。`,
    bookingPhone: (phone: string) =>
      `预约时登记的手机号 ${phone} 将一并登记到办件上；如办事人要留其他号码，请填写在“手机号”栏。`,
    dropBooking: '不按预约登记',
    backToBookings: '返回预约登记',

    // 预约设置
    settingsTitle: '预约设置',
    settingsIntro:
      '这些设置对网上预约和工作人员代为预约都适用。改动只影响以后的预约，已经约好的不变。',
    slotMinutes: '每个时段',
    minutes: (n: number) => `${n} 分钟`,
    daysAhead: '可提前预约',
    daysAheadUnit: '个工作日',
    daysAheadHelp: '从下一个工作日算起，最多能约到今后第几个工作日。',
    noShowRule: '未到规则',
    noShowRuleLead: '同一手机号在',
    noShowRuleMid: '天内未到',
    noShowRuleTail: '次，暂停网上预约',
    noShowRuleEnd: '天',
    noShowRuleHelp: '暂停期间仍可打电话请中心代为预约，也可直接到窗口办理。',
    noShowWindowDays: '统计天数',
    noShowLimit: '未到次数',
    suspendDays: '暂停天数',
    windows: '各窗口每个时段可约人数',
    windowsHelp:
      '填 0 表示该窗口不接受预约。一个事项每个时段能约的人数，是办理它的各窗口人数之和。',
    window: '窗口',
    windowUnit: '所属单位',
    capacity: '每个时段可约人数',
    capacityOf: (window: string) => `${window} 每个时段可约人数`,
    noBooking: '不接受预约',
    windowInactive: '已停用',
    noWindows: '还没有服务窗口。',
    saveSettings: '保存预约设置',
    settingsSaved: '预约设置已保存',
  },
};
