/**
 * Strings of the window's smoother day (issue 11): the deadline preview before accepting, the
 * remarks on missing papers, the notice to print after an action, exports to Excel, the sidebar.
 */
export const windowText = {
  deadlinePreview: {
    label: '办结期限预览',
    loading: '正在计算办结期限…',
    /** '将于 2026年3月9日（星期一）17:30 前办结'. */
    due: (when: string) => `将于 ${when} 前办结`,
    term: (days: number, unit: string) => `期限 ${days} ${unit}`,
    immediate: '即办件：受理后 30 分钟内办结',
    urgent: '加急',
    fromReceipt: '超过补正告知期限，期限自接收之日起计算',
    provisional: (years: string) =>
      `暂定：缺少 ${years} 年工作日历，跨入该年的日子暂按普通工作日计算，录入后自动重算`,
    refused: '按所填期限不能受理：',
    units: { working: '个工作日', calendar: '日（自然日）', minutes: '分钟' },
  },
  remarks: {
    placeholder: '备注（可不填），如：缺少公章',
    label: (material: string) => `${material} 的备注`,
    help: '勾选所缺材料；哪里不合格可在材料后写明（如“缺少公章”“复印件不清晰”），通知书逐项列明。',
  },
  missing: {
    /** On the case page, after the case was accepted: the papers once missing, now supplied. */
    supplied: '曾告知补正的材料',
  },
  printAfter: {
    close: '关闭提示',
    printTitle: (title: string) => `打印${title}`,
  },
  exports: {
    button: '导出 Excel',
    done: (name: string) => `已导出：${name}`,
    hint: '按当前筛选条件导出全部结果（不只本页）',
  },
  findingsList: {
    title: '考核发现的问题一览',
    description:
      '巡查发现、办件超期（已确认）和查实的群众举报，按违规日期排列；可按年度、人员筛选后导出 Excel。',
    year: '年度',
    yearAll: '全部年度',
    yearOf: (y: number) => `${y}年`,
    staff: '人员',
    staffAll: '全部人员',
    date: '违规日期',
    source: '发现方式',
    item: '考核内容',
    description2: '问题描述',
    status: '状态',
    empty: '没有符合条件的问题。',
    fileName: '考核发现问题.xlsx',
  },
  sider: {
    collapse: '收起菜单',
    expand: '展开菜单',
  },
  missingYears: {
    enter: '去录入',
    /** The board, for those who cannot enter the year: said once, quietly. */
    quiet: (years: string) =>
      `缺少 ${years} 年工作日历，跨入该年的期限为暂定（标“暂定”）；由中心办公室录入后自动重算。`,
  },
} as const;
