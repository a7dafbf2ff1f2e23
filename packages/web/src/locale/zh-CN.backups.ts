/** Strings of 数据备份 (the county admin's backups page; docs/operations.md "Backups"). */
export const backupsText = {
  backups: {
    menu: '数据备份',
    title: '数据备份',
    description:
      '系统每晚自动备份整个数据库和审计密钥，备份时照常办理业务。备份文件保存在服务器上；请定期把最新的备份复制到另一台机器或移动硬盘，并至少每季度做一次恢复演练（见运维手册）。',
    now: '立即备份',
    taken: (file: string) => `备份完成：${file}`,
    running: '正在备份…',
    standing: { ok: '备份正常', late: '备份已超过一天没有成功', off: '未设置自动备份' } as Record<
      string,
      string
    >,
    lateHelp:
      '最近一次成功的备份已超过 26 小时。请查看下表中失败的原因（如磁盘已满、缺少 pg_dump），处理后点“立即备份”。',
    offHelp: '没有设置每晚自动备份（BIANMIN_BACKUP_AT=off），也还没有任何备份。请联系系统管理员。',
    schedule: (at: string | null, keep: number) =>
      at
        ? `每晚 ${at}（北京时间）自动备份，保留 ${keep} 天`
        : `未设置自动备份；手动备份保留 ${keep} 天`,
    lastSuccess: '最近一次成功备份',
    scheduleLabel: '自动备份',
    never: '还没有',
    ago: (span: string) => `${span}前`,
    justNow: '刚刚',
    folder: '备份文件夹（服务器上）',
    database: { pglite: '内置数据库', postgres: 'PostgreSQL' } as Record<string, string>,
    databaseLabel: '数据库',
    empty: '还没有备份',
    startedAt: '开始时间',
    trigger: '方式',
    triggers: { schedule: '每晚自动', console: '手动（本页）', command: '命令行' } as Record<
      string,
      string
    >,
    state: '结果',
    states: { running: '进行中', succeeded: '成功', failed: '失败' } as Record<string, string>,
    file: '文件',
    size: '大小',
    rows: (n: number) => `${n.toLocaleString('zh-CN')} 行数据`,
    removed: (n: number) => `删除了 ${n} 份过期备份`,
    error: '失败原因',
    span: {
      days: (n: number) => `${n} 天`,
      hours: (n: number) => `${n} 小时`,
      minutes: (n: number) => `${n} 分钟`,
    },
  },
};
