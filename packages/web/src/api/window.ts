import type { DeadlinePreview, DeadlinePreviewQuery } from '@bianmin/contracts';
import type { CaseListQuery } from './cases.ts';
import { fetchFile, scoped, type CenterQuery } from './client.ts';

export type { DeadlinePreview };

/** What the deadline preview asks: a case on its page, or an item at the window; kind and term. */
export type DeadlinePreviewInput = Omit<DeadlinePreviewQuery, 'centerId' | 'urgent'> & {
  urgent: boolean;
};

/** The findings list's filters (GET /api/findings), without the page. */
export interface FindingFilters {
  staffId?: number;
  year?: number;
}

export const windowApi = {
  /** The deadline accepting would give now (nothing is stored). */
  deadlinePreview: (scope: CenterQuery, q: DeadlinePreviewInput) =>
    scoped.get<DeadlinePreview>('/api/cases/deadline-preview', scope, {
      caseId: q.caseId,
      itemId: q.itemId,
      kind: q.kind,
      termDays: q.termDays,
      urgent: q.urgent ? 'true' : undefined,
    }),
  /** The cases list as Excel, with the list's filters (every page). */
  exportCases: ({ mine, page: _page, pageSize: _size, ...rest }: CaseListQuery) =>
    fetchFile('/api/cases/export', { ...rest, mine: mine ? 'true' : undefined }),
  /** The findings as Excel, with the list's filters. */
  exportFindings: (scope: CenterQuery, f: FindingFilters) =>
    fetchFile('/api/findings/export', { ...scope, ...f }),
};
