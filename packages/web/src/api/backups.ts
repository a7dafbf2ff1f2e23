import { useQuery } from '@tanstack/react-query';
import type { BackupRecord, BackupsPage } from '@bianmin/contracts';
import { request } from './client.ts';

export type { BackupRecord, BackupsPage };

export const backupsApi = {
  page: () => request<BackupsPage>('/api/backups'),
  now: () => request<BackupRecord>('/api/backups', { method: 'POST' }),
};

export const backupKeys = { all: ['backups'] as const };

/** The list refreshes itself while a backup runs. */
export function useBackupsQuery() {
  return useQuery({
    queryKey: backupKeys.all,
    queryFn: backupsApi.page,
    refetchInterval: (query) =>
      query.state.data?.items.some((b) => b.state === 'running') ? 5_000 : false,
  });
}
