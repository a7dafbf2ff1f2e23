import { z } from 'zod';
import { acceptedKind, catalogFee } from './cases.ts';
import { isoDate } from './common.ts';

// ── 群众门户 The citizens' portal: what anyone may read without an account ──────────────────────

/** A center as the portal lists it (a county's deployment serves several). */
export const portalCenterSummary = z.object({
  code: z.string(),
  name: z.string(),
  region: z.string(),
});
export type PortalCenterSummary = z.infer<typeof portalCenterSummary>;

export const portalCenterParams = z.object({ code: z.string().trim().min(1).max(32) });

/** One day of the center's opening: from its working-day calendar and its seasonal timetable. */
export const portalDayHours = z.object({
  date: isoDate,
  /** null when the calendar has no entry for that year (then weekends are guessed closed). */
  kind: z.enum(['workday', 'makeUpWorkday', 'weekend', 'holiday']).nullable(),
  open: z.boolean(),
  /** "08:30"; null on a closed day. */
  openAt: z.string().nullable(),
  closeAt: z.string().nullable(),
  /** The official calendar of that year is not entered yet: the day is a guess. */
  calendarMissing: z.boolean(),
});
export type PortalDayHours = z.infer<typeof portalDayHours>;

/** The portal's home: the center, how to reach it, and when it is open (today and the week). */
export const portalCenter = portalCenterSummary.extend({
  address: z.string(),
  /** The service phone, also the number a complaint can be made on. */
  phone: z.string(),
  today: portalDayHours,
  /** Today and the six days after it. */
  week: z.array(portalDayHours),
});
export type PortalCenter = z.infer<typeof portalCenter>;

/** An item of the service guide (办事指南): everything a person needs before coming. */
export const portalGuideItem = z.object({
  code: z.string(),
  name: z.string(),
  /** Common names people use (低保 for 最低生活保障). */
  aliases: z.array(z.string()),
  windowUnitName: z.string(),
  /** The windows (e.g. "3号窗口") where the item is handled. */
  windows: z.array(z.string()),
  kind: acceptedKind,
  promisedDays: z.number().nullable(),
  legalDays: z.number().nullable(),
  /** Petitions count calendar days; everything else working days. */
  termUnit: z.enum(['working', 'calendar']),
  /** The papers to bring, told once and completely (一次性告知). */
  materials: z.array(z.string()),
  /** Empty: 不收费. */
  fees: z.array(catalogFee),
  appointment: z.boolean(),
  homeVisit: z.boolean(),
  /** Lower-case pinyin of the name and the common names, without tones, words joined. */
  pinyin: z.string(),
  /** Their initials, e.g. "zdshbz" for 最低生活保障. */
  initials: z.string(),
});
export type PortalGuideItem = z.infer<typeof portalGuideItem>;

export const portalGuide = z.object({
  centerName: z.string(),
  items: z.array(portalGuideItem),
});
export type PortalGuide = z.infer<typeof portalGuide>;
