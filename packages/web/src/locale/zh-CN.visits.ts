/**
 * Strings of 上门服务 (home visits) and 节假日召回 (holiday call-outs) in the console: the visits
 * list and its actions, the call-out record of the duty officer, and the assessment group's card of
 * unanswered and late call-outs.
 */
const CATEGORY: Record<string, string> = {
  elderly: '老年人',
  disabled: '残疾人',
  sick: '患病',
  enterprise: '企业',
  investment: '重点、招商引资企业（踏勘）',
};
const DAY_KIND: Record<string, string> = {
  workday: '工作日',
  makeUpWorkday: '调休上班日',
  weekend: '周末',
  holiday: '法定节假日',
};

export const visitsText = {
  visitsMenu: { visits: '上门服务', callouts: '节假日召回' },

  visits: {
    title: '上门服务',
    description:
      '老年人、残疾人、患病群众和企业（重点、招商引资项目踏勘）请中心上门办理的申请：网上提交的，或打电话、来信、来人提出的，都在这里。安排日期和人员后短信告知申请人；上门后记录到达时间、上门人员、结果和关联办件。',
    create: '登记上门申请',
    empty: '没有符合条件的上门服务申请',
    statusFilter: '办理状态',
    allStatuses: '全部状态',
    search: '查找上门服务',
    searchPlaceholder: '查询码、姓名、手机号或地址',
    statuses: {
      requested: '待安排',
      scheduled: '已安排',
      visited: '已上门',
      cancelled: '已取消',
    } as Record<string, string>,
    categories: CATEGORY,
    dayKinds: DAY_KIND,
    channels: {
      online: '网上',
      phone: '电话',
      letter: '来信',
      email: '电子邮件',
      walk_in: '来人',
    } as Record<string, string>,
    urgent: '急事急办',
    columns: {
      when: '上门日期',
      requester: '申请人',
      what: '事项和事由',
      channel: '来源',
      status: '状态',
      staff: '人员',
      result: '结果',
    },
    preferred: (dates: string) => `希望：${dates}`,
    notScheduled: '尚未安排',
    reschedules: (n: number) => `改期 ${n} 次`,
    enteredBy: (name: string) => `${name} 登记`,
    citizen: '本人网上提交',
    actions: { schedule: '安排', reschedule: '改期', record: '记录上门', cancel: '取消' },
    // Enter a request
    createTitle: '登记上门服务申请',
    channel: '来源',
    category: '申请人类别',
    name: '申请人姓名（企业名称）',
    phone: '手机号码',
    phoneHelp: '安排、取消都会短信告知这个号码',
    address: '上门地址',
    item: '办理事项（可不选）',
    itemText: '事项说明',
    itemTextPlaceholder: '如：高龄津贴申领、项目用地踏勘',
    reason: '申请上门的原因',
    preferredDates: '希望上门日期（1 至 3 天）',
    preferredHelp: '下一个工作日起 15 个工作日内的工作日',
    created: (code: string) => `已登记，查询码 ${code}（已短信告知申请人）`,
    // Schedule
    scheduleTitle: '安排上门',
    rescheduleTitle: '上门改期',
    date: '上门日期',
    dateHelp: '今天或以后的任何一天；周末、节假日也可安排（下方显示日子类别）',
    staff: '上门人员（当天在岗）',
    scheduled: (date: string) => `已安排 ${date} 上门，已短信告知申请人`,
    wants: (dates: string) => `申请人希望：${dates}`,
    // Record
    recordTitle: '记录上门情况',
    arrivedAt: '到达时间',
    visitors: '实际上门人员',
    outcome: '上门结果',
    outcomePlaceholder: '如：已现场核实并受理；材料不全，已一次性告知所缺材料',
    receiptNo: '关联办件受理编号（可不填）',
    receiptHelp: '上门时受理或代办的办件，填本中心的受理编号',
    recorded: '已记录上门情况',
    // Cancel
    cancelTitle: '取消上门服务',
    cancelReason: '取消原因',
    cancelHelp: '原因会短信告知申请人',
    cancelled: '已取消，已短信告知申请人',
  },

  callouts: {
    title: '节假日召回',
    description:
      '节假日、周末有急事需要窗口人员到岗时，由值班人员通知并在此登记：通知了谁、何时通知、何时到达。超过响应时限未到或迟到的，考核小组可在“巡查记录”中看到，由考核小组研判，系统不自动扣分。',
    create: '登记召回',
    empty: '还没有节假日召回记录',
    columns: {
      date: '召回日期',
      matter: '事由',
      staff: '被通知人员',
      notifiedAt: '通知时间',
      arrivedAt: '到达时间',
      state: '情况',
      recordedBy: '登记人',
    },
    states: {
      waiting: '等待到达',
      on_time: '按时到岗',
      late: '迟到',
      unanswered: '未到',
    } as Record<string, string>,
    dayKinds: DAY_KIND,
    respondBy: (time: string) => `应于 ${time} 前到达`,
    arrive: '记录到达',
    createTitle: '登记节假日召回',
    date: '召回日期（周末或法定节假日）',
    matter: '召回事由',
    staff: '通知的窗口人员',
    notifiedAt: '通知时间',
    arrivedAt: '到达时间（已到的可填）',
    note: '备注',
    created: (n: number) => `已登记 ${n} 人的召回`,
    arriveTitle: '记录到达时间',
    arrived: '已记录到达时间',
    settings: '响应时限',
    settingsHelp: (n: number) => `通知后 ${n} 分钟内到达为按时，超过为迟到，一直未到为未到`,
    minutes: '分钟',
    saveSettings: '保存时限',
    settingsSaved: '已保存响应时限',
  },

  calloutReview: {
    title: '节假日召回：未到和迟到',
    description:
      '以下召回超过响应时限未到或迟到，可能涉及考核内容第 3、4 项。是否认定由考核小组研判；如认定，点“录入巡查发现”，系统不会自动扣分。',
    empty: '没有未到或迟到的节假日召回',
    enterFinding: '录入巡查发现',
    /** The finding's description, filled from the call-out for the group to edit. */
    findingText: (c: {
      date: string;
      dayKind: string;
      matter: string;
      staffName: string;
      notified: string;
      respondBy: string;
      arrived: string | null;
      state: string;
      note: string;
    }) =>
      `${c.date}（${c.dayKind}）节假日召回，事由：${c.matter}。${c.notified} 通知${c.staffName}，` +
      `应于 ${c.respondBy} 前到达，${c.arrived ? `${c.arrived} 到达，` : ''}${c.state}。` +
      (c.note ? `备注：${c.note}` : ''),
  },
} as const;
