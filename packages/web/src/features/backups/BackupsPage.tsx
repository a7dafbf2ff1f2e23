import { Alert, Button, Descriptions, Tag, type TableColumnsType } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { backupKeys, backupsApi, useBackupsQuery, type BackupRecord } from '../../api/backups.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { formatDateTime, formatSpan } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import './backups.css';

const L = t.backups;
const STATE_COLOR = { running: 'processing', succeeded: 'success', failed: 'error' } as const;

const mib = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** 数据备份: how backups stand, the newest ones, and one taken now (the county admin). */
export default function BackupsPage() {
  const page = useBackupsQuery();
  const data = page.data;
  const now = useFeedbackMutation({
    mutationFn: backupsApi.now,
    success: (r: BackupRecord) => L.taken(r.file ?? ''),
    invalidate: [backupKeys.all],
    errors: { refetch: [backupKeys.all] },
  });

  const columns: TableColumnsType<BackupRecord> = [
    {
      title: L.startedAt,
      key: 'startedAt',
      width: 150,
      render: (_, b) => formatDateTime(b.startedAt),
    },
    { title: L.trigger, key: 'trigger', width: 120, render: (_, b) => L.triggers[b.trigger] },
    {
      title: L.state,
      key: 'state',
      width: 90,
      render: (_, b) => <Tag color={STATE_COLOR[b.state]}>{L.states[b.state]}</Tag>,
    },
    {
      title: L.file,
      key: 'file',
      minWidth: 280,
      render: (_, b) =>
        b.state === 'failed' ? (
          <span className="backup-error">
            {L.error}：{b.error}
          </span>
        ) : (
          <>
            <div className="backup-file">{b.file ?? t.common.none}</div>
            {b.counts ? (
              <div className="backup-muted">
                {L.rows(Object.values(b.counts).reduce((a, n) => a + n, 0))}
                {b.removed.length > 0 ? `；${L.removed(b.removed.length)}` : ''}
              </div>
            ) : null}
          </>
        ),
    },
    {
      title: L.size,
      key: 'bytes',
      width: 100,
      align: 'right',
      render: (_, b) => (b.bytes === null ? t.common.none : mib(b.bytes)),
    },
  ];

  const standing = data?.status.standing;
  return (
    <>
      <PageHeader
        title={L.title}
        description={L.description}
        extra={
          <Button
            type="primary"
            icon={<CloudUploadOutlined aria-hidden />}
            loading={now.isPending}
            onClick={() => now.mutate(undefined)}
          >
            {now.isPending ? L.running : L.now}
          </Button>
        }
      />
      {data ? (
        <>
          <Alert
            className="block-gap"
            showIcon
            type={standing === 'ok' ? 'success' : standing === 'late' ? 'error' : 'warning'}
            title={L.standing[standing ?? 'ok']}
            description={
              standing === 'late' ? L.lateHelp : standing === 'off' ? L.offHelp : undefined
            }
          />
          <Descriptions
            className="block-gap"
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'last',
                label: L.lastSuccess,
                children: data.status.lastSuccessAt
                  ? `${formatDateTime(data.status.lastSuccessAt)}（${
                      (data.status.ageSeconds ?? 0) < 60
                        ? L.justNow
                        : L.ago(formatSpan((data.status.ageSeconds ?? 0) * 1000, L.span))
                    }）`
                  : L.never,
              },
              {
                key: 'schedule',
                label: L.scheduleLabel,
                children: L.schedule(data.at, data.keepDays),
              },
              { key: 'db', label: L.databaseLabel, children: L.database[data.database] },
              { key: 'folder', label: L.folder, children: <code>{data.folder}</code> },
            ]}
          />
        </>
      ) : null}
      <ListTable<BackupRecord>
        query={page}
        rows={data?.items ?? []}
        columns={columns}
        empty={L.empty}
        size="middle"
        scroll={{ x: 800 }}
      />
    </>
  );
}
