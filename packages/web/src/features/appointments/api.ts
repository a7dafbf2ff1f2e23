import { keepPreviousData } from '@tanstack/react-query';
import type {
  AppointmentSettings,
  BookingRow,
  BookingSlots,
  BookingStatusValue,
  createBookingBody,
  updateAppointmentSettingsBody,
} from '@bianmin/contracts';
import { request, scoped, type Body, type CenterQuery } from '../../api/client.ts';
import { useCenterQuery } from '../../api/queries.ts';

export type CreateBookingBody = Body<typeof createBookingBody>;
export type UpdateAppointmentSettingsBody = Body<typeof updateAppointmentSettingsBody>;
export type StaffChannel = CreateBookingBody['channel'];
export type { AppointmentSettings, BookingRow, BookingSlots, BookingStatusValue };

/** What the bookings list is filtered by (GET /api/bookings); a day's list fits one page. */
export interface BookingListQuery {
  date?: string;
  /** Slots in this month (办件统计). */
  month?: string | undefined;
  status?: BookingStatusValue;
  q?: string;
  page: number;
  pageSize: number;
}

export const bookingsApi = {
  list: (scope: CenterQuery, q: BookingListQuery) =>
    scoped.get<{ items: BookingRow[]; total: number }>('/api/bookings', scope, { ...q }),
  slots: (scope: CenterQuery, itemId: number) =>
    scoped.get<BookingSlots>('/api/bookings/slots', scope, { itemId }),
  create: (scope: CenterQuery, body: CreateBookingBody) =>
    scoped.post<BookingRow>('/api/bookings', scope, body),
  cancel: (b: Pick<BookingRow, 'id' | 'version'>) =>
    request<BookingRow>(`/api/bookings/${b.id}/cancel`, {
      method: 'POST',
      body: { version: b.version },
    }),
  move: (b: Pick<BookingRow, 'id' | 'version'>, to: { date: string; start: string }) =>
    request<BookingRow>(`/api/bookings/${b.id}/move`, {
      method: 'POST',
      body: { version: b.version, ...to },
    }),
  noShow: (b: Pick<BookingRow, 'id' | 'version'>) =>
    request<BookingRow>(`/api/bookings/${b.id}/no-show`, {
      method: 'POST',
      body: { version: b.version },
    }),
  settings: (scope: CenterQuery) =>
    scoped.get<AppointmentSettings>('/api/appointment-settings', scope),
  updateSettings: (scope: CenterQuery, body: UpdateAppointmentSettingsBody) =>
    scoped.put<AppointmentSettings>('/api/appointment-settings', scope, body),
};

/** Everything under `['bookings']` goes stale after a change (places left move with every booking). */
export const bookingKeys = {
  all: ['bookings'] as const,
  list: (centerId: number | null, q: BookingListQuery) =>
    ['bookings', 'list', centerId, q] as const,
  slots: (centerId: number | null, itemId: number | null) =>
    ['bookings', 'slots', centerId, itemId] as const,
  settings: (centerId: number | null) => ['bookings', 'settings', centerId] as const,
};

export function useBookingsQuery(q: BookingListQuery) {
  return useCenterQuery(
    (centerId) => bookingKeys.list(centerId, q),
    (scope) => bookingsApi.list(scope, q),
    { placeholderData: keepPreviousData, refetchInterval: 60_000 },
  );
}

/** The days and slots of an item, with places left: read again soon, others book meanwhile. */
export function useBookingSlotsQuery(itemId: number | null) {
  return useCenterQuery(
    (centerId) => bookingKeys.slots(centerId, itemId),
    (scope) => bookingsApi.slots(scope, itemId!),
    { enabled: itemId !== null, staleTime: 10_000 },
  );
}

export function useAppointmentSettingsQuery(enabled = true) {
  return useCenterQuery(bookingKeys.settings, bookingsApi.settings, { enabled });
}
