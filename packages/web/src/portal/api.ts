import {
  SERVER_TIME_HEADER,
  type BookingSlots,
  type OnlineReportBody,
  type OnlineReportReceipt,
  type PortalAnnouncements,
  type PortalCenter,
  type PortalCenterSummary,
  type PortalGuide,
  type PublicBooking,
  type PublicBookingBody,
  type PublicCaseStatus,
  type PublicRatingState,
  type RatingInputBody,
  type ReportTracking,
  type SmsPurpose,
  type PublicVisitBody,
  type VisitDatesAnswer,
  type VisitReceipt,
  type VisitTracking,
} from '@bianmin/contracts';

/** What the server said about one input field (its name in the request, and why, in Chinese). */
export interface PortalFieldError {
  field: string;
  message: string;
}

/** A refused or failed call: the server's stable code and its Chinese message. */
export class PortalError extends Error {
  override readonly name = 'PortalError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** The fields a refusal names (VALIDATION_FAILED, a wrong SMS code …), each with its message. */
    readonly fields: readonly PortalFieldError[] = [],
  ) {
    super(message);
  }
}

/** How far the server's clock is ahead of this phone's (the phone's may be wrong). */
let serverOffsetMs = 0;

/** Now, by the server's clock. */
export const serverNow = () => Date.now() + serverOffsetMs;

interface ErrorAnswer {
  error?: { code?: string; message?: string; details?: object; fields?: unknown };
}

function fieldsOf(fields: unknown): PortalFieldError[] {
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((f: unknown) => {
    const { field, message } = (f ?? {}) as { field?: unknown; message?: unknown };
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
  });
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'omit', ...init });
  } catch {
    throw new PortalError(0, 'NETWORK', '');
  }
  const said = Date.parse(response.headers.get(SERVER_TIME_HEADER) ?? '');
  if (Number.isFinite(said)) serverOffsetMs = said - Date.now();
  const data: unknown = await response.json().catch(() => null);
  if (response.ok) return data as T;
  const error = (data as ErrorAnswer | null)?.error;
  throw new PortalError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? '',
    (error?.details ?? {}) as Record<string, unknown>,
    fieldsOf(error?.fields),
  );
}

function get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
  const qs = new URLSearchParams(query).toString();
  return request<T>(qs ? `${path}?${qs}` : path, {});
}

/** A JSON POST to this site (the server refuses other sites' pages: same origin only). */
function post<T>(path: string, body: object): Promise<T> {
  return request<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const centerPath = (code: string) => `/api/public/centers/${encodeURIComponent(code)}`;

/** Find one's booking again: its code and the mobile it was made with. */
export interface BookingKey {
  code: string;
  phone: string;
}

/** What the portal reads: all of it public, none of it personal except one's own case or booking. */
export const portalApi = {
  centers: () => get<PortalCenterSummary[]>('/api/public/centers'),
  center: (code: string) => get<PortalCenter>(centerPath(code)),
  guide: (code: string) => get<PortalGuide>(`${centerPath(code)}/guide`),
  announcements: (code: string) => get<PortalAnnouncements>(`${centerPath(code)}/announcements`),
  caseStatus: (receiptNo: string, queryCode: string) =>
    get<PublicCaseStatus>('/api/public/case-status', { receiptNo, queryCode }),

  bookingSlots: (center: string, item: string) =>
    get<BookingSlots>(`${centerPath(center)}/booking-slots`, { item }),
  smsCode: (centerCode: string, phone: string, purpose: SmsPurpose) =>
    post<{ resendAfterSeconds: number }>('/api/public/sms-codes', { centerCode, phone, purpose }),
  book: (body: PublicBookingBody) => post<PublicBooking>('/api/public/bookings', body),
  lookupBooking: (key: BookingKey) => post<PublicBooking>('/api/public/bookings/lookup', key),
  cancelBooking: (key: BookingKey) => post<PublicBooking>('/api/public/bookings/cancel', key),
  moveBooking: (key: BookingKey & { date: string; start: string }) =>
    post<PublicBooking>('/api/public/bookings/move', key),

  report: (body: OnlineReportBody) => post<OnlineReportReceipt>('/api/public/reports', body),
  trackReport: (trackingCode: string) =>
    post<ReportTracking>('/api/public/reports/track', { trackingCode }),

  ratingState: (receiptNo: string, queryCode: string) =>
    get<PublicRatingState>('/api/public/ratings', { receiptNo, queryCode }),
  rate: (receiptNo: string, queryCode: string, body: RatingInputBody) =>
    post<PublicRatingState>('/api/public/ratings', { receiptNo, queryCode, ...body }),
  ratingByLink: (token: string) =>
    get<PublicRatingState>(`/api/public/ratings/link/${encodeURIComponent(token)}`),
  rateByLink: (token: string, body: RatingInputBody) =>
    post<PublicRatingState>(`/api/public/ratings/link/${encodeURIComponent(token)}`, body),

  visitDates: (center: string) => get<VisitDatesAnswer>(`${centerPath(center)}/visit-dates`),
  requestVisit: (body: PublicVisitBody) => post<VisitReceipt>('/api/public/visits', body),
  trackVisit: (key: { code: string; phone: string }) =>
    post<VisitTracking>('/api/public/visits/track', key),
};
