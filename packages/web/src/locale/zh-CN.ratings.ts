/**
 * Strings of 好差评 (ratings by applicants, DOMAIN.md §10) in the console: the list with the
 * satisfaction rate, the 差评 follow-ups (assign, call-back, rectification and reply, close), the
 * contests of malicious ratings, the settings, and the card on the director's board.
 */
export const ratingsText = {
  ratingsMenu: { ratings: '好差评' },

  ratings: {
    title: '好差评',
    description:
      '群众办结后按“非常满意、满意、基本满意、不满意、非常不满意”五级评价（门户查询页、短信链接，或窗口评价器、纸质评价卡由工作人员录入）。差评由中心主任指派专人：按绩效考核制度规定的期限回访、整改并答复评价人（一般 1 个工作日内回访，15 个工作日内整改答复）。被评价人认为是恶意评价的，可以提出异议，由考核小组认定；认定成立的不计入满意率。',
    mine: '与我有关的评价',
    mineEmpty: '暂无与您有关的评价',
    aboutMe: '我经办办件的评价',
    assignedToMe: '指派给我的差评回访整改',
    center: '本中心评价',
    filters: {
      month: '评价月份',
      view: '查看',
      views: {
        all: '全部评价',
        bad: '差评',
        open: '回访整改未办结',
        overdue: '回访整改已超期',
        contest: '待认定的异议',
      } as Record<string, string>,
    },
    shown: (n: number) => `列表共 ${n} 条`,
    /** The figures of the whole month (or all time), whatever the list is narrowed to. */
    stats: (
      month: string | null,
      total: number,
      rate: number | null,
      bad: number,
      excluded: number,
    ) => {
      const period = month
        ? `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月全部评价`
        : '全部评价（不限月份）';
      const figures =
        rate === null
          ? '暂无计入的评价'
          : `满意率 ${rate}%（计入 ${total} 条，其中差评 ${bad} 条）`;
      const note = excluded > 0 ? `；另有 ${excluded} 条经考核小组认定为恶意评价，不计入` : '';
      return `${period}：${figures}${note}`;
    },
    empty: '没有符合条件的评价',
    levels: {
      very_satisfied: '非常满意',
      satisfied: '满意',
      basically_satisfied: '基本满意',
      dissatisfied: '不满意',
      very_dissatisfied: '非常不满意',
    } as Record<string, string>,
    channels: { portal: '网上', sms_link: '短信链接', window: '窗口录入' } as Record<
      string,
      string
    >,
    followUpStatuses: {
      open: '待指派',
      assigned: '已指派',
      contacted: '已回访',
      replied: '已答复',
      closed: '已办结',
    } as Record<string, string>,
    columns: {
      receipt: '受理编号和事项',
      level: '评价',
      staff: '被评价人',
      ratedAt: '评价时间',
      followUp: '差评回访整改',
    },
    channelBy: (channel: string, by: string | null) => (by ? `${channel}（${by}）` : channel),
    contactDue: (at: string) => `回访期限 ${at}`,
    fixDue: (at: string) => `整改答复期限 ${at}`,
    contactOverdue: '回访已超期',
    fixOverdue: '整改答复已超期',
    assignedTo: (name: string) => `责任人 ${name}`,
    excluded: '恶意评价，不计入',
    contestPending: (name: string) => `${name} 提出异议，待考核小组认定`,
    contestUpheld: (by: string | null) => `异议成立：${by ?? '考核小组'} 认定为恶意评价`,
    contestRejected: (by: string | null) => `异议不成立（${by ?? '考核小组'} 认定），照常计入`,
    rowName: (receiptNo: string) => `受理编号 ${receiptNo}`,
    actions: {
      assign: '指派',
      contact: '记录回访',
      reply: '整改答复',
      close: '办结',
      contest: '提出异议',
      decide: '认定异议',
      detail: '详情',
    },
    assignTitle: '指派差评回访整改责任人',
    assignee: '责任人',
    assigned: '已指派',
    contactTitle: '记录回访',
    contactedAt: '回访时间',
    contactedAtHelp: '不填为现在；不能晚于现在',
    contactNote: '回访情况',
    contacted: '已记录回访',
    replyTitle: '整改情况和答复',
    rectification: '整改情况',
    reply: '给评价人的答复',
    replyHelp: '评价人凭受理编号和查询码可以看到这段答复，并会收到短信通知',
    replied: '已答复评价人',
    closeTitle: '差评回访整改办结',
    closeConfirm: '确认该差评已回访、整改并答复评价人，办结？',
    closed: '已办结',
    contestTitle: '对恶意评价提出异议',
    contestReason: '异议理由',
    contestHelp: '写明事实和证据（如窗口录像、办件记录），由考核小组认定',
    contested: '异议已提交，待考核小组认定',
    decideTitle: '认定评价异议',
    decision: '认定结果',
    decisions: {
      upheld: '异议成立：认定为恶意评价，不计入满意率等统计（评价仍保留在列表中）',
      rejected: '异议不成立：评价照常计入',
    } as Record<string, string>,
    decideHelp: '由考核小组认定，提出异议的本人不能认定；认定后不能更改。',
    summary: {
      case: '办件',
      closedAt: (at: string) => `办结于 ${at}`,
      rating: '评价',
      ratedAt: (at: string) => `评价于 ${at}`,
      text: '评价人的话',
      staff: '被评价人',
      contest: '异议',
      contestBy: (name: string, at: string) => `${name} 于 ${at} 提出：`,
    },
    decisionReason: '认定理由',
    decided: '已认定',
    detailTitle: '评价详情',
    text: '评价内容',
    reasons: '原因',
    settings: '回访整改期限和评价期',
    termsInForce: (contact: number, fix: number) =>
      `现行绩效考核制度规定：差评后 ${contact} 个工作日内回访，${fix} 个工作日内整改并答复评价人（按差评当天施行的版本计算）。`,
    termsWhere: '修改期限请起草制度修订版',
    settingsHelp: '评价期为办结后 7 至 90 天，由中心设置',
    contactWorkingDays: '回访期限（工作日）',
    fixWorkingDays: '整改答复期限（工作日）',
    windowDays: '评价期（办结后天数）',
    settingsSaved: '已保存',
  },

  ratingsBoard: {
    title: '好差评',
    month: (count: number, rate: number | null, bad: number) =>
      count === 0
        ? '本月暂无评价'
        : `本月评价 ${count} 条，满意率 ${rate === null ? '—' : `${rate}%`}，差评 ${bad} 条`,
    overdue: '回访整改超期',
    none: '没有超期的差评回访整改',
    unassigned: '未指派',
    assignee: '责任人',
    contactDue: '回访期限',
    fixDue: '整改答复期限',
    link: '到好差评处理',
  },

  caseRating: {
    title: '群众评价',
    none: '尚未评价',
    enter: '录入窗口评价',
    enterTitle: '录入窗口评价（评价器或纸质评价卡）',
    enterHelp:
      '按评价器结果或纸质评价卡如实录入。受理、经手或办结过本件的工作人员不能录入本件的评价。',
    level: '评价等级',
    reasons: '原因',
    text: '评价内容',
    entered: '已录入评价',
  },
} as const;
