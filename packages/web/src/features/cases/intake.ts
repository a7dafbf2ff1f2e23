/** The intake form's pure parts: which choice Enter makes, what each choice sends and checks. */
import type { ApplicantType, Channel } from '@bianmin/domain';
import type { CreateCaseBody, IntakeAction, ServiceItem } from '../../api/cases.ts';
import type { HandOverValues } from './HandOverFields.tsx';
import { materialsBody } from './materials.ts';
import type { FieldPath } from './serverErrors.ts';

/** What the clerk does with the visitor: the buttons under the form. */
export type IntakeChoice =
  'immediate' | 'promised' | 'other' | 'supplement' | 'return' | 'answer' | 'handOver';

export interface IntakeValues extends HandOverValues {
  itemId?: number | null;
  applicant: { type: ApplicantType; name: string; idNumber?: string; phone?: string };
  channel: Channel;
  note?: string;
  termDays?: number | null;
  urgent?: boolean;
  kind?: 'petition' | 'reported';
  otherTermDays?: number | null;
  materials?: string[];
  /** A remark per missing paper (缺少公章), by its name. */
  remarks?: Record<string, string>;
  reasons?: string;
  subject?: string;
  answer?: string;
}

export const NEEDS_ITEM: readonly IntakeChoice[] = [
  'immediate',
  'promised',
  'other',
  'supplement',
  'return',
];

/** The enter key's choice for an item: accept as the catalog says (即办 or 承诺 most of the time). */
export function defaultChoice(item: Pick<ServiceItem, 'defaultKind'> | undefined): IntakeChoice {
  if (!item) return 'promised';
  if (item.defaultKind === 'immediate') return 'immediate';
  if (item.defaultKind === 'promised') return 'promised';
  return 'other';
}

const trimOrNull = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : null);

/**
 * A booking (预约) whose visitor came to the window: the intake starts from its item and name, and
 * sends its id so the server marks it arrived with the new case.
 */
export interface BookingHandOff {
  id: number;
  code: string;
  itemId: number;
  itemName: string;
  applicantName: string;
  phoneMasked: string;
  date: string;
  start: string;
  end: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The booking handed to the workbench in the page's history state, or null when there is none. */
export function bookingOfState(state: unknown): BookingHandOff | null {
  const b = isRecord(state) ? state.booking : null;
  if (!isRecord(b)) return null;
  const numbers = ['id', 'itemId'] as const;
  const strings = ['code', 'itemName', 'applicantName', 'phoneMasked', 'date', 'start', 'end'];
  if (!numbers.every((k) => typeof b[k] === 'number' && Number.isSafeInteger(b[k]))) return null;
  if (!strings.every((k) => typeof b[k] === 'string')) return null;
  return b as unknown as BookingHandOff;
}

/** The form's values for a booking's visitor: its item, a person of its name. */
export const bookingValues = (b: BookingHandOff): Partial<IntakeValues> => ({
  itemId: b.itemId,
  applicant: { type: 'person', name: b.applicantName },
});

/** The request body of a registration (before a hand-over, which is a second call). */
export function intakeBody(v: IntakeValues, choice: IntakeChoice, bookingId?: number) {
  const body: CreateCaseBody = {
    itemId: v.itemId ?? null,
    subject: (v.subject ?? '').trim(),
    channel: v.channel,
    applicant: {
      type: v.applicant.type,
      name: v.applicant.name.trim(),
      idNumber: trimOrNull(v.applicant.idNumber),
      phone: trimOrNull(v.applicant.phone),
    },
    note: (v.note ?? '').trim(),
    ...(bookingId === undefined ? {} : { bookingId }),
  };
  let then: IntakeAction | undefined;
  switch (choice) {
    case 'immediate':
      then = { action: 'accept', kind: 'immediate', termDays: null, urgent: false };
      break;
    case 'promised':
      then = {
        action: 'accept',
        kind: 'promised',
        // Empty: the catalog's term (or, urgent, the urgent term), as the server counts it.
        termDays: v.termDays ?? null,
        urgent: !!v.urgent,
      };
      break;
    case 'other':
      then = {
        action: 'accept',
        kind: v.kind ?? 'petition',
        termDays: v.otherTermDays ?? null,
        urgent: !!v.urgent,
      };
      break;
    case 'supplement':
      then = { action: 'supplement', ...materialsBody(v) };
      break;
    case 'return':
      then = { action: 'return', reasons: (v.reasons ?? '').trim() };
      break;
    case 'answer':
      then = { action: 'answer', answer: (v.answer ?? '').trim() };
      break;
    case 'handOver':
      then = undefined;
      break;
  }
  return then ? { ...body, then } : body;
}

/** The fields each choice checks before sending. */
export function fieldsOf(choice: IntakeChoice): FieldPath[] {
  const base: FieldPath[] = [
    ['itemId'],
    ['applicant', 'name'],
    ['applicant', 'idNumber'],
    ['applicant', 'phone'],
    ['channel'],
    ['note'],
  ];
  switch (choice) {
    case 'immediate':
      return base;
    case 'promised':
      return [...base, ['termDays']];
    case 'other':
      return [...base, ['kind'], ['otherTermDays']];
    case 'supplement':
      return [...base, ['materials']];
    case 'return':
      return [...base, ['reasons']];
    case 'answer':
      return [...base, ['subject'], ['answer']];
    case 'handOver':
      return [...base, ['subject'], ['toStaffId'], ['method'], ['handOverNote']];
  }
}
