/**
 * Strings of the year-end evaluation (年度考评) and of the rating and settlement-line appeals shown on
 * 我的考核 and 申诉处理.
 */
export const evaluationText = {
  evaluationMenu: { evaluations: '年度考评' },

  evaluations: {
    title: '年度考评',
    description:
      '每位窗口工作人员全年的考勤、遵章守纪、服务质量汇总，系统按固定规则给出建议等次及理由，由考核小组组长评定。有省级巡查通报问题的，等次不能评为称职及以上。',
    yearPicker: '考评年度',
    yearOption: (y: number) => `${y}年度`,
    notOpen: (reason: string) => `${reason}，目前只能查看汇总。`,
    readOnly: '等次由考核小组组长评定，您可以查看。',
    empty: '该年度没有窗口工作人员。',
    name: '姓名',
    window: '窗口',
    inPost: '在岗期间',
    inPostRange: (from: string, to: string | null) => `${from} 至 ${to ?? '今'}`,
    attendance: '考勤',
    attendanceLines: (late: number, early: number, absent: number, leave: number) => [
      `迟到 ${late} 次`,
      `早退 ${early} 次`,
      `旷岗 ${absent} 天`,
      `请假 ${leave} 天`,
    ],
    attendanceMissing: '考勤数据暂缺',
    findings: '违规问题',
    findingsTotal: (n: number) => `共 ${n} 个`,
    none: '无',
    service: '服务质量',
    overdue: '超期办件',
    complaints: '投诉举报',
    count: (n: number) => `${n} 件`,
    ratings: '群众评价',
    proposal: '建议等次',
    decided: '评定等次',
    undecided: '未评定',
    revision: (n: number) => `第 ${n} 次评定`,
    byAppeal: '（申诉后变更）',
    capped: '等次受限',
    capTitle: (max: string) => `本年度有省级巡查通报的问题，最高只能评为${max}：`,
    appealPending: '等次申诉处理中',
    decide: '评定等次',
    decideTitle: (name: string, year: number) => `评定 ${name} 的${year}年度考评等次`,
    rating: '考评等次',
    reason: '评定理由',
    reasonHelp: '写明评定依据，本人可以看到。评定后不能重新评定，只能通过申诉变更。',
    decidedOk: (name: string, rating: string) => `已评定 ${name} 为${rating}`,
    openCandidatesTag: (n: number) => `${n} 条超期线索未处理`,
    openCandidatesTitle: (n: number) => `本年度还有 ${n} 条超期办件线索尚未处理`,
    openCandidateLine: (receiptNo: string, item: string, deadline: string, kind: string) =>
      `办件 ${receiptNo}（${item}），办结期限 ${deadline}，${kind}`,
    candidateKinds: {
      open_overdue: '至今未办结',
      completed_late: '超过期限后办结',
    } as Record<string, string>,
    openCandidatesHint:
      '考核小组确认的，成为本年度考核内容第六项的问题；排除的，不再计为超期办件。处理结果会改变本年度的考评依据，建议先处理线索再评定。',
    goToViolations: '去处理线索',
    confirmOpen: '我已知悉上述线索尚未处理，仍要现在评定',
    confirmOpenRequired: '请先处理上述线索，或勾选确认后再评定',
    reasonsTitle: '建议理由',
    levels: {
      town: '镇级',
      joint_check: '协查',
      public_report: '举报',
      county: '县级',
      city: '市级',
      province: '省级',
    } as Record<string, string>,
  },

  myEvaluation: {
    title: '我的年度考评',
    yearPicker: '考评年度',
    notEvaluated: '该年度您不在窗口岗位，不参加综合考评。',
    undecided: '考核小组尚未评定本年度等次。',
    rating: '评定等次',
    decidedBy: (name: string, at: string) => `${name} 于 ${at} 评定`,
    reason: '评定理由',
    proposal: '系统建议',
    appeal: '对等次申诉',
    appealTitle: (year: number) => `对${year}年度考评等次提出申诉`,
    appealPending: '您的等次申诉正在处理',
    history: '评定记录',
    reasonHelp: '写明事实和理由。提交后由考核小组处理，评定该等次的人员回避。',
    termHint: (days: number | null) =>
      days === null
        ? '须在等次评定之日起的申诉期限内提出。'
        : `须在等次评定之日起 ${days} 个工作日内提出。`,
    filed: (deadline: string) => `申诉已提交（申诉期限至 ${deadline}），请等候考核小组处理`,
  },

  lineAppeal: {
    appeal: '申诉',
    title: '对结算行提出申诉',
    line: '结算行',
    finding: '申诉的问题',
    findingNo: (id: string) => `编号 ${id}`,
    notCorrectable:
      '这一行不涉及具体问题（如考核金额基数、结转），已审定的结算不会重算；考核小组将答复处理办法。',
    termHint: (days: number | null) =>
      days === null
        ? '须在结算审定之日起的申诉期限内提出。'
        : `须在结算审定之日起 ${days} 个工作日内提出。`,
  },

  appealSubjects: {
    pageDescription:
      '工作人员对考核问题、已审定结算的某一行或年度考评等次的申诉，由考核小组处理：维持、撤销或变更，并写明理由。记录该问题或评定该等次的人员须回避。撤销或变更问题后，多扣的金额在下一次结算中退还；等次变更作为新的评定记录保存。',
    subject: '申诉事项',
    content: '申诉内容',
    finding: '问题',
    settlement: '结算行',
    rating: '考评等次',
    settlementLine: (label: string, index: number) => `${label}结算第 ${index + 1} 行`,
    ratingOf: (year: number | null, rating: string | null) =>
      `${year ?? ''}年度考评等次：${rating ?? ''}`,
    newRating: '变更后的等次',
    changedTo: (r: string) => `等次变更为：${r}`,
    ratingOutcomeHints: {
      upheld: '维持原评定的等次。',
      changed: '变更等次：作为新的评定记录保存，原评定保留。',
    } as Record<string, string>,
    lineUpheldOnly: '该结算行不涉及具体问题，只能维持；请在理由中说明处理办法。',
    recuseRater: '须回避（本人评定）',
  },
};
