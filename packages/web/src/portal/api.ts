import {
  SERVER_TIME_HEADER,
  type PortalCenter,
  type PortalCenterSummary,
  type PortalGuide,
  type PublicCaseStatus,
} from '@bianmin/contracts';

/** A refused or failed call: the server's stable code and its Chinese message. */
export class PortalError extends Error {
  override readonly name = 'PortalError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** How far the server's clock is ahead of this phone's (the phone's may be wrong). */
let serverOffsetMs = 0;

/** Now, by the server's clock. */
export const serverNow = () => Date.now() + serverOffsetMs;

async function get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
  const qs = new URLSearchParams(query).toString();
  let response: Response;
  try {
    response = await fetch(qs ? `${path}?${qs}` : path, { credentials: 'omit' });
  } catch {
    throw new PortalError(0, 'NETWORK', '');
  }
  const said = Date.parse(response.headers.get(SERVER_TIME_HEADER) ?? '');
  if (Number.isFinite(said)) serverOffsetMs = said - Date.now();
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return data as T;
  const error = (data as { error?: { code?: string; message?: string; details?: object } } | null)
    ?.error;
  throw new PortalError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? '',
    (error?.details ?? {}) as Record<string, unknown>,
  );
}

/** What the portal reads: all of it public, none of it personal except one's own case. */
export const portalApi = {
  centers: () => get<PortalCenterSummary[]>('/api/public/centers'),
  center: (code: string) => get<PortalCenter>(`/api/public/centers/${encodeURIComponent(code)}`),
  guide: (code: string) =>
    get<PortalGuide>(`/api/public/centers/${encodeURIComponent(code)}/guide`),
  caseStatus: (receiptNo: string, queryCode: string) =>
    get<PublicCaseStatus>('/api/public/case-status', { receiptNo, queryCode }),
};
