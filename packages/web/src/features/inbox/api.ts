import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  InboxCount,
  InboxItem,
  InboxPage,
  InboxPrefs,
  UpdateInboxPrefs,
} from '@bianmin/contracts';
import type { InboxKind } from '@bianmin/domain';
import { request } from '../../api/client.ts';
import { STAFF_BASE } from '../../lib/paths.ts';

export type { InboxCount, InboxItem, InboxPage, InboxPrefs };

/** What the list shows (GET /api/inbox). */
export interface InboxListQuery {
  filter: 'all' | 'unread';
  kind?: InboxKind;
  page: number;
  pageSize: number;
}

export const inboxApi = {
  list: (q: InboxListQuery) => request<InboxPage>('/api/inbox', { query: { ...q } }),
  count: () => request<InboxCount>('/api/inbox/count'),
  read: (id: number) => request<InboxItem>(`/api/inbox/${id}/read`, { method: 'POST' }),
  readAll: () => request<{ marked: number }>('/api/inbox/read-all', { method: 'POST' }),
  prefs: () => request<InboxPrefs>('/api/inbox/prefs'),
  setPrefs: (body: UpdateInboxPrefs) =>
    request<InboxPrefs>('/api/inbox/prefs', { method: 'PUT', body }),
};

/** One's own inbox: not center-scoped (a county admin's items are his wherever he looks). */
export const inboxKeys = {
  all: ['inbox'] as const,
  count: ['inbox', 'count'] as const,
  list: (q: InboxListQuery) => ['inbox', 'list', q] as const,
  prefs: ['inbox', 'prefs'] as const,
};

/** The bell's number: every minute, and whenever the window gets the focus back. */
export const useInboxCountQuery = () =>
  useQuery({
    queryKey: inboxKeys.count,
    queryFn: inboxApi.count,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });

export const useInboxListQuery = (q: InboxListQuery, enabled = true) =>
  useQuery({
    queryKey: inboxKeys.list(q),
    queryFn: () => inboxApi.list(q),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    enabled,
  });

export const useInboxPrefsQuery = () =>
  useQuery({ queryKey: inboxKeys.prefs, queryFn: inboxApi.prefs });

/** An item's link ('/staff/cases/12') as a route of the console ('/cases/12'). */
export function routeOf(link: string): string {
  return link.startsWith(`${STAFF_BASE}/`) ? link.slice(STAFF_BASE.length) : link;
}
