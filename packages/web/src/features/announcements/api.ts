import { keepPreviousData } from '@tanstack/react-query';
import type {
  Announcement,
  AnnouncementSettings,
  publishAnnouncementBody,
  updateAnnouncementSettingsBody,
  withholdAnnouncementBody,
} from '@bianmin/contracts';
import { request, scoped, type Body, type CenterQuery } from '../../api/client.ts';
import { useCenterQuery } from '../../api/queries.ts';

export type AnnouncementStatus = Announcement['status'];
export type PublishBody = Body<typeof publishAnnouncementBody>;
export type WithholdBody = Body<typeof withholdAnnouncementBody>;
export type UpdateSettingsBody = Body<typeof updateAnnouncementSettingsBody>;
export type { Announcement, AnnouncementSettings };

/** What the list is filtered by (GET /api/announcements); newest due first. */
export interface AnnouncementListQuery {
  status?: AnnouncementStatus;
  page: number;
  pageSize: number;
}

export const announcementsApi = {
  list: (scope: CenterQuery, q: AnnouncementListQuery) =>
    scoped.get<{ items: Announcement[]; total: number }>('/api/announcements', scope, { ...q }),
  publish: (id: number, body: PublishBody) =>
    request<Announcement>(`/api/announcements/${id}/publish`, { method: 'POST', body }),
  withhold: (id: number, body: WithholdBody) =>
    request<Announcement>(`/api/announcements/${id}/withhold`, { method: 'POST', body }),
  settings: (scope: CenterQuery) =>
    scoped.get<AnnouncementSettings>('/api/announcement-settings', scope),
  updateSettings: (scope: CenterQuery, body: UpdateSettingsBody) =>
    scoped.put<AnnouncementSettings>('/api/announcement-settings', scope, body),
};

/** Publishing or withholding also changes the director's board (its late announcements). */
export const announcementKeys = {
  all: ['announcements'] as const,
  list: (centerId: number | null, q: AnnouncementListQuery) =>
    ['announcements', 'list', centerId, q] as const,
  settings: (centerId: number | null) => ['announcements', 'settings', centerId] as const,
};

export function useAnnouncementsQuery(q: AnnouncementListQuery) {
  return useCenterQuery(
    (centerId) => announcementKeys.list(centerId, q),
    (scope) => announcementsApi.list(scope, q),
    { placeholderData: keepPreviousData, refetchInterval: 60_000 },
  );
}

export function useAnnouncementSettingsQuery(enabled = true) {
  return useCenterQuery(announcementKeys.settings, announcementsApi.settings, { enabled });
}
