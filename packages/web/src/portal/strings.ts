/**
 * Every word of the citizens' portal, in one place. Plain Chinese for a person who may be old,
 * in a hurry, or reading on a small phone: short sentences, no office jargon.
 */
import type { CaseStatus } from '@bianmin/domain';
import type { BookingStatusValue, PortalDayHours, ReportTracking } from '@bianmin/contracts';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 'YYYY-MM-DD' as its month, day and weekday (0 = Sunday), whatever the phone's time zone. */
function dateParts(iso: string): { m: number; d: number; weekday: string } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { m, d, weekday: WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]! };
}

/** 'YYYY-MM-DD' as "3月9日". */
function monthDay(iso: string): string {
  const { m, d } = dateParts(iso);
  return `${m}月${d}日`;
}

/** Who is asking, confirmed by an SMS code: the words of 网上预约 and 投诉举报 alike. */
const FORM = {
  name: '姓名',
  nameRequired: '请填写姓名',
  nameTooLong: '姓名不能超过 50 个字',
  mobile: '手机号',
  mobileRequired: '请填写手机号',
  mobileWrong: '请填写 11 位手机号码，如 13812345678',
  getCode: '获取验证码',
  sendingCode: '正在发送…',
  resendIn: (s: number) => `${s} 秒后可重新获取`,
  codeSent: '验证码已发出，请查看手机短信。',
  smsCode: '短信验证码',
  smsCodeHint: '短信里的 6 位数字',
  smsCodeRequired: '请填写短信验证码',
  smsCodeDigits: '验证码是 6 位数字，请核对',
  offline: '网络不通，请检查手机信号后再试。',
  retryAfter: (seconds: number) =>
    seconds >= 60 ? `（约 ${Math.ceil(seconds / 60)} 分钟后再试）` : `（约 ${seconds} 秒后再试）`,
} as const;

export const P = {
  siteName: '便民服务中心',
  pageTitle: (page: string, center?: string) =>
    [page, center ?? '便民服务中心'].filter(Boolean).join(' - '),
  skip: '跳到正文',
  back: '返回',
  staffEntry: '工作人员入口',
  elderMode: '长辈模式',
  elderHint: '字更大、颜色更清楚',
  elderOnHint: '已开启，点此关闭',
  loading: '正在加载…',
  loadFailed: '暂时打不开，请稍后再试，或直接打电话咨询。',
  retry: '再试一次',
  notFound: '没有这个页面。',
  toHome: '回到首页',
  callUs: (phone: string) => `服务电话 ${phone}`,
  noPhone: '请到服务中心咨询',

  centers: {
    title: '请选择服务中心',
    intro: '选择您要去办事的便民服务中心。',
    change: '换一个中心',
  },

  hours: {
    today: '今天',
    week: '近七天办公时间',
    open: (h: PortalDayHours) => `${h.openAt}–${h.closeAt} 办公`,
    closed: '休息',
    kind: {
      workday: '',
      makeUpWorkday: '调休上班',
      weekend: '周末休息',
      holiday: '法定节假日休息',
    } satisfies Record<NonNullable<PortalDayHours['kind']>, string>,
    guessed: '国家放假安排尚未公布，以中心通知为准',
    openNow: '现在正在办公',
    closedNow: '现在不在办公时间',
    day: (iso: string) => {
      const { m, d, weekday } = dateParts(iso);
      return `${m}月${d}日 星期${weekday}`;
    },
  },

  home: {
    address: '地址',
    phone: '电话',
    entries: '我要办事',
    guide: '办事指南',
    guideHint: '要带什么材料、多久办好、收不收费',
    book: '网上预约',
    bookHint: '约好日子和时段，按时到窗口办理',
    query: '办件查询',
    queryHint: '凭通知书上的受理编号和查询码',
    myBooking: '我的预约',
    myBookingHint: '查看、改期或取消预约',
    call: '打电话咨询',
    complain: '投诉举报',
    complainHint: '24 小时受理，可以匿名，信息保密',
  },

  guide: {
    title: '办事指南',
    search: '搜索事项',
    searchHint: '输入名称、常用叫法或拼音，如“低保”“dibao”或首字母“db”',
    count: (n: number) => `共 ${n} 项`,
    none: '没有找到这个事项。换个说法试试，或打电话问我们。',
    aliases: (a: string[]) => `又称：${a.join('、')}`,
    window: '办理窗口',
    term: '办理时间',
    immediate: '当场办结（即办件）',
    promised: (days: number, unit: string) => `承诺 ${days} ${unit}内办结`,
    legal: (days: number, unit: string) => `（法定 ${days} ${unit}）`,
    workingDays: '个工作日',
    calendarDays: '天',
    reported: '需报上级审批，时间以上级为准',
    materials: '需要带的材料',
    materialsHint: '请一次带齐。缺少材料的，工作人员会一次性告诉您还缺什么。',
    noMaterials: '无需材料，带上身份证即可咨询',
    fees: '收费',
    free: '不收费',
    fee: (name: string, amount: string) => `${name}：${amount} 元`,
    basis: (basis: string) => `收费依据：${basis}`,
    appointment: '可预约',
    homeVisit: '可上门服务',
    services: '预约和上门',
    appointmentText: '可以在网上预约办理的日子和时段，也可以打电话预约。',
    bookNow: '预约办理',
    homeVisitText: '老年人、残疾人、病人或企业办不方便来的，可以打电话请工作人员上门办理。',
    byPhone: (phone: string, homeVisit: boolean) =>
      `请拨打 ${phone} ${homeVisit ? '预约，或请工作人员上门' : '预约'}。`,
    noServices: '请到窗口办理。',
    print: '打印本页',
    itemMissing: '没有找到这个事项，它可能已经停办。',
    toList: '返回事项列表',
  },

  announcements: {
    title: '办结公告',
    intro: '依照规定，以下事项办结后予以公告，接受群众监督；公告期满后不再显示。',
    none: '目前没有公告。',
    receiptNo: '受理编号',
    applicant: '申请人',
    completedOn: '办结日期',
    result: '办理结果',
    until: '公告至',
    /** The last day on the board: "3月9日". */
    day: monthDay,
    /** The home page's 信息公开 row. */
    homeTitle: '信息公开',
    homeHint: '已办结事项的公示',
  },

  query: {
    title: '办件进度查询',
    intro: '请输入通知书上的受理编号和查询码。',
    receiptNo: '受理编号',
    receiptNoHint: '通知书上的数字，如 001-20260302-0007',
    queryCode: '查询码',
    queryCodeHint: '通知书上的 6 位数字',
    submit: '查询',
    querying: '正在查询…',
    receiptRequired: '请输入受理编号',
    receiptDigits: '受理编号只有数字，请核对',
    codeRequired: '请输入查询码',
    notFound: '没有查到。请核对通知书上的受理编号和查询码后再试。',
    tooMany: '查询次数太多，请过一会儿再试。',
    retryAfter: (seconds: number) =>
      seconds >= 60 ? `（约 ${Math.ceil(seconds / 60)} 分钟后）` : `（约 ${seconds} 秒后）`,
    failed: '暂时查不了，请稍后再试，或打电话问服务中心。',
    resultTitle: '查询结果',
    item: '办理事项',
    status: '办理情况',
    window: '办理窗口',
    receivedAt: '收件日期',
    acceptedAt: '受理日期',
    deadline: '承诺办结日期',
    closedAt: '办结日期',
    statusWords: {
      received: '已收到，正在分派',
      answered: '已答复',
      awaiting_materials: '等您补齐材料',
      returned: '已退回',
      in_progress: '正在办理',
      paused: '暂停办理（等待中）',
      with_authority: '已报上级审批',
      completed: '已办结',
    } satisfies Record<CaseStatus, string>,
    overdue: '已超过承诺办结日期',
    overdueHelp: '如有疑问或要投诉，请打电话：',
    complainOnline: '网上投诉举报',
    missing: '还缺这些材料',
    pausedFor: '正在等待',
    result: '办理结果',
    reasons: '退回理由',
    answer: '答复内容',
    again: '再查一个',
    footer: '如有疑问，请带上通知书到便民服务中心咨询。',
  },

  form: FORM,

  book: {
    ...FORM,
    title: '网上预约',
    intro: '选好事项、日子和时段，按时到窗口办理。',
    step: (n: number, name: string) => `第${n}步 ${name}`,
    steps: ['选择事项', '选择日期', '选择时段', '填写姓名和手机号'],
    chosen: '您选好的',
    change: '修改',
    changeLabel: (what: string) => `修改${what}`,
    item: '办理事项',
    date: '日期',
    time: '时段',
    window: '办理窗口',
    address: '地址',
    phone: '中心电话',
    noItems: '本中心暂时没有可以网上预约的事项。请打电话预约，或直接到窗口办理。',
    notBookable: '这个事项不能网上预约，请从下面选择，或直接到窗口办理。',
    searchItems: '搜索事项',
    searchHint: '输入名称、常用叫法或拼音，如“低保”',
    noneFound: '没有找到。换个说法试试，或打电话问我们。',
    /** A day on a booking button and on the booking: "12月8日 周二". */
    day: (iso: string) => {
      const { m, d, weekday } = dateParts(iso);
      return `${m}月${d}日 周${weekday}`;
    },
    makeUp: '调休上班',
    open: '可预约',
    full: '约满',
    left: (n: number) => `余${n}`,
    slot: (start: string, end: string) => `${start}–${end}`,
    morning: '上午',
    afternoon: '下午',
    current: '原预约',
    noDays: '近期没有可以预约的日子。请打电话预约，或直接到窗口办理。',
    calendarMissing: (iso: string) => {
      const { m, d } = dateParts(iso);
      return `${m}月${d}日以后的日期暂不能预约：该年度工作日历尚未公布录入`;
    },
    dayFull: '这一天已经约满了，请选择别的日子。',
    nameHint: '来办事的人的姓名',
    mobileHint: '验证码和预约信息会用短信发到这个手机',
    submit: '提交预约',
    submitting: '正在提交…',
    failed: '暂时提交不了，请稍后再试，或打电话预约。',
    callUs: '可以打电话请工作人员帮您预约：',

    doneTitle: '预约成功',
    code: '预约码',
    codeKeep: '请记下预约码。查看、改期或取消预约时要用它和手机号。',
    arrive: '请按时到达，如不能前来请提前取消。',
    smsSent: (phone: string) => `预约信息已用短信发到 ${phone}。`,
    smsChanged: (phone: string) => `短信已发到 ${phone}。`,
    bring: '需要带的材料',
    bringHint: '请一次带齐。',
    noMaterials: '无需材料，带上身份证即可',
    move: '改期',
    cancel: '取消预约',
    another: '再约一个',
    noDone: '这里没有刚才的预约信息。请到“我的预约”用预约码和手机号查看。',

    manageTitle: '我的预约',
    manageIntro: '请输入预约码和预约时填的手机号。',
    codeInput: '预约码',
    codeInputHint: '短信里的 8 位字母和数字，如 ABCD-EFGH',
    manageMobileHint: '预约时填写的手机号',
    codeRequired: '请输入预约码',
    codeWrong: '预约码是 8 位字母和数字，请核对短信',
    find: '查询',
    finding: '正在查询…',
    findFailed: '暂时查不了，请稍后再试，或打电话问服务中心。',
    status: '预约状态',
    statusWords: {
      booked: '已预约',
      cancelled: '已取消',
      arrived: '已办理',
      no_show: '未到',
    } satisfies Record<BookingStatusValue, string>,
    who: '预约人',
    cannotChange: '预约时段已经开始或已经过去，不能再改期或取消。',
    moveTitle: '改期',
    moveIntro: '选一个新的日子和时段。预约码不变。',
    moveSteps: ['选择新的日期', '选择新的时段', '确认改期'],
    booking: '预约信息',
    moveFrom: '原来',
    moveTo: '改为',
    confirmMove: '确定改期',
    moving: '正在改期…',
    moved: '已经改好了。请按新的时间到达。',
    cancelTitle: '取消预约',
    cancelAsk: '确定要取消这个预约吗？取消后这个时段会让给别人。',
    cancelYes: '确定取消',
    cancelNo: '不取消了',
    cancelling: '正在取消…',
    cancelled: '预约已取消。需要时可以重新预约。',
    back: '不改了，返回',
    other: '查另一个预约',
    again: '重新预约',
  },

  report: {
    title: '投诉举报',
    /** The page's head, one short sentence a line. */
    intro: [
      '对工作人员的服务态度、办事效率、廉洁纪律等问题，可随时（24 小时）投诉举报。',
      '举报人信息严格保密。',
      '本中心在 15 个工作日内核查处理，并将结果告知您。',
    ],
    byPhone: '也可以打电话投诉举报：',
    who: '您要实名还是匿名？',
    named: '实名',
    namedHint: '实名可收到短信答复',
    anonymous: '匿名',
    anonymousHint: '匿名只能凭查询码查看结果',
    nameHint: '只有负责核查的工作人员能看到',
    mobileHint: '验证码和处理结果会用短信发到这个手机',
    details: '反映的问题',
    detailsHint: '什么时候、在哪个窗口、遇到了什么事，写清楚就行',
    detailsRequired: '请写下您要反映的问题',
    count: (n: number, max: number) => `已写 ${n} 字，最多 ${max} 字`,
    about: '涉及的窗口或人员（选填）',
    aboutHint: '如“3 号窗口”，或工作人员的姓名',
    occurredOn: '发生日期（选填）',
    occurredOnHint: '记不清可以不填',
    occurredLate: '发生日期不能晚于今天',
    submit: '提交',
    submitting: '正在提交…',
    failed: '暂时提交不了，请稍后再试，或直接打电话投诉举报。',

    doneTitle: '已收到您的投诉举报',
    code: '查询码',
    codeKeep: '请记下查询码，查看处理结果时要用它。',
    copy: '复制查询码',
    copied: '已复制。',
    copyFailed: '复制不了，请用笔记下来。',
    receivedAt: '受理时间',
    /** "将于 12月18日前核查处理". */
    decideBy: (iso: string) => {
      const { m, d } = dateParts(iso);
      return `将于 ${m}月${d}日前核查处理`;
    },
    smsReply: '结果将以短信发送到您的手机。',
    noSms: '匿名投诉举报不发短信，请凭查询码查看结果。',
    toTrack: '查看处理结果',
    noDone: '这里没有刚才的投诉举报信息。请凭查询码查看处理结果。',

    trackTitle: '查询投诉结果',
    trackIntro: '请输入投诉举报后得到的查询码。',
    codeInput: '查询码',
    codeInputHint: '10 位字母和数字，如 ABCD-EFGH-JK',
    codeRequired: '请输入查询码',
    codeWrong: '查询码是 10 位字母和数字，请核对',
    find: '查询',
    finding: '正在查询…',
    findFailed: '暂时查不了，请稍后再试，或打电话问服务中心。',
    resultTitle: '查询结果',
    stage: '处理情况',
    stageWords: {
      received: '核查中',
      decided: '已处理，答复正在送达',
      replied: '已答复',
    } satisfies Record<ReportTracking['stage'], string>,
    /** "将于 12月18日前处理". */
    handleBy: (iso: string) => {
      const { m, d } = dateParts(iso);
      return `将于 ${m}月${d}日前处理`;
    },
    overdue: '已超过承诺的处理时间',
    overdueCall: '如有疑问请拨打',
    overdueVisit: '如有疑问请到服务中心反映。',
    repliedAt: '答复日期',
    reply: '答复内容',
    other: '查另一个',
  },
} as const;
