import { keepPreviousData } from '@tanstack/react-query';
import type { OutboxMessage, OutboxPage, OutboxState } from '@bianmin/contracts';
import { request, scoped, type CenterQuery } from './client.ts';
import { useCenterQuery } from './queries.ts';

export type { OutboxMessage, OutboxPage, OutboxState };

export interface OutboxListQuery {
  state?: OutboxState;
  page: number;
  pageSize: number;
}

export const outboxApi = {
  list: (scope: CenterQuery, q: OutboxListQuery) =>
    scoped.get<OutboxPage>('/api/outbox', scope, { ...q }),
  retry: (id: number) => request<OutboxMessage>(`/api/outbox/${id}/retry`, { method: 'POST' }),
};

export const outboxKeys = {
  all: ['outbox'] as const,
  list: (centerId: number | null, q: OutboxListQuery) => ['outbox', 'list', centerId, q] as const,
};

/** The list refreshes itself while messages wait to be sent. */
export function useOutboxQuery(q: OutboxListQuery) {
  return useCenterQuery(
    (centerId) => outboxKeys.list(centerId, q),
    (scope) => outboxApi.list(scope, q),
    {
      placeholderData: keepPreviousData,
      refetchInterval: (query) =>
        query.state.data?.items.some((m) => m.state === 'pending') ? 10_000 : false,
    },
  );
}
