/**
 * Strings of 办件统计 (docs/statistics.md): the center's page with its charts and tiles, the
 * county's comparison, the printed monthly report, and the trend on the director's board.
 */
const n = (x: number) => String(x);
const rate = (p: number | null) => (p === null ? '—' : `${String(p)}%`);

export const statsText = {
  statsMenu: { stats: '办件统计', county: '各中心对比' },

  stats: {
    title: '办件统计',
    description:
      '按月统计按时办结率、办理用时、办件量、好差评、群众举报和预约上门服务。点击任一数字或图形，可打开对应的办件或记录清单。口径：按时办结率 = 当月办结的受理件中按期办结的比例（暂停的时间和批准的延期计入期限）；平均办理用时按工作时间计算，不含暂停时间。',
    month: '统计月份',
    print: '打印月报',
    excel: '导出 Excel',
    exported: '已导出统计月报',
    loading: '正在统计…',
    none: '—',
    rate,
    count: (x: number) => `${n(x)} 件`,
    items: (x: number) => `${n(x)} 条`,
    /** Working minutes as a director reads them. */
    hours: (minutes: number | null) =>
      minutes === null
        ? '—'
        : minutes < 60
          ? `${n(minutes)} 分钟`
          : `${(Math.round(minutes / 6) / 10).toFixed(1)} 小时`,
    hoursUnit: '工作小时',
    missingYears: (years: string) =>
      `${years} 年的工作日历尚未录入，办理用时暂按周一至周五计算，录入后以录入为准。`,
    open: (what: string) => `打开清单：${what}`,
    noLink: '（无清单可打开）',
    complaintsNoList: '举报清单由考核小组和中心办公室查看，这里只显示件数。',
    emptyMonth: '本月还没有办结的受理件，按时办结率等图表从第一件办结起显示。',
    previousMonth: '查看上月',

    tiles: {
      title: '本月概况',
      closed: '办结受理件',
      onTimeRate: '按时办结率',
      late: '超期办结',
      avgTime: '平均办理用时',
      received: '本月登记',
      satisfaction: '满意率',
      complaints: '群众举报',
      noShows: '预约爽约',
    },

    trend: {
      title: '近 12 个月按时办结率',
      rate: '按时办结率',
      closed: '办结件数',
      axisRate: '按时率（%）',
      axisCount: '件数',
      summary: (text: string) => `近 12 个月按时办结率：${text}`,
      board: '近 12 个月按时办结率',
      boardMore: '查看办件统计',
    },

    groups: {
      title: '按时办结情况',
      byWindow: '按窗口',
      byItem: '按事项',
      byPerson: '按承办人',
      name: { window: '窗口', item: '事项', person: '承办人' } as Record<string, string>,
      closed: '办结',
      onTime: '按时',
      late: '超期',
      rate: '按时办结率',
      avg: '平均办理用时',
      countsChart: (what: string) => `${what}的按时与超期办结件数`,
      avgChart: (what: string) => `${what}的平均办理用时（工作小时）`,
      empty: '本月没有办结的受理件',
    },

    volume: {
      title: '办件量',
      byChannel: '按来源',
      byKind: '按件类（按目前状态）',
      received: (x: number) => `本月登记 ${n(x)} 件`,
      accepted: '受理件',
    },

    ratings: {
      title: '好差评',
      total: (x: number, p: number | null) => `本月评价 ${n(x)} 条，满意率 ${rate(p)}`,
      excluded: (x: number) => `另有 ${n(x)} 条经考核小组认定为恶意评价，不计入`,
    },

    complaints: {
      title: '群众举报',
      received: '本月受理',
      undecided: '待核查',
      replied: '已答复举报人',
      overdue: '超期',
      overdueHint: '逾期决定，或期限已过仍未决定',
    },

    appointments: {
      title: '预约与上门服务',
      booked: '预约',
      arrived: '按约到场',
      noShow: '爽约',
      cancelled: '取消',
      pending: '待到场',
      noShowRate: (p: number | null) => `爽约率 ${rate(p)}`,
      visits: '上门服务申请',
      visitRequested: '待安排',
      visitScheduled: '已安排',
      visited: '已上门',
      visitCancelled: '已取消',
    },

    report: {
      title: (center: string, month: string) => `${center}办件统计月报（${month}）`,
      made: (date: string) => `制表日期：${date}`,
      toolbar: '月报操作',
      back: '返回办件统计',
      sections: {
        onTime: '一、按时办结',
        trend: '二、近 12 个月按时办结率',
        byWindow: '三、按窗口',
        byItem: '四、按事项',
        byPerson: '五、按承办人',
        volume: '六、办件量',
        kinds: '七、件类（按目前状态）',
        ratings: '八、好差评',
        complaints: '九、群众举报',
        appointments: '十、预约服务',
        visits: '十一、上门服务',
      },
      total: '本月合计',
      monthCol: '月份',
      item: '项目',
      countCol: '件数',
      channel: '来源',
      kind: '件类',
      level: '评价',
      ratingsTotal: '合计（不含认定的恶意评价）',
      ratingsExcluded: '认定为恶意评价、不计入',
      satisfaction: '满意率',
      noShowRate: '爽约率',
      visitsTotal: '本月申请',
      none: '（本月无）',
      signature: '制表人：　　　　　　　审核人：　　　　　　　中心主任：',
      definitions:
        '口径：按时办结率 = 当月办结的受理件中按期办结的件数 ÷ 当月办结的受理件数（暂停时间和批准的延期计入期限；咨询件、退回件不计）；平均办理用时 = 自计时起至办结的工作时间（工作日的办公时间），不含暂停时间；件类按办件目前的状态归类；满意率 =（非常满意 + 满意 + 基本满意）÷ 计入的评价数；举报超期 = 逾期作出决定或期限已过仍未决定。',
    },

    /** The case list opened from a figure. */
    listFilters: {
      title: (what: string) => `办件统计的清单：${what}`,
      clear: '清除这些条件',
      closed: (month: string) => `${month}办结`,
      received: (month: string) => `${month}登记`,
      onTime: '按时办结',
      late: '超期办结',
      item: (name: string) => `事项：${name}`,
      holder: (name: string) => `承办人：${name}`,
      channel: (name: string) => `来源：${name}`,
      kind: (name: string) => `件类：${name}`,
    },

    county: {
      title: '各中心对比',
      description:
        '全县各便民服务中心同一月份的办件统计，口径与各中心的办件统计相同。点击中心名称，查看该中心的详细统计。',
      center: '便民服务中心',
      received: '登记件数',
      ratings: '评价条数',
      satisfaction: '满意率',
      complaints: '举报',
      complaintsOverdue: '举报超期',
      booked: '预约',
      noShow: '爽约',
      visits: '上门服务',
      satisfactionCol: '满意率（评价条数）',
      complaintsCol: '举报（超期）',
      bookingsCol: '预约（爽约）',
      chart: '各中心按时办结率与办结件数',
      print: '打印对比表',
      reportTitle: (month: string) => `各便民服务中心办件统计对比（${month}）`,
      empty: '还没有便民服务中心',
    },
  },
} as const;
