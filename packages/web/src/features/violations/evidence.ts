import {
  ACCEPTED_KINDS,
  PAUSE_REASONS,
  type AcceptedKind,
  type PauseReason,
} from '@bianmin/domain';

/** What a violation candidate carries as evidence, read defensively from its JSON. */
export interface Evidence {
  case: {
    receiptNo: string | null;
    itemName: string | null;
    acceptedKind: AcceptedKind | null;
    clockStartAt: string | null;
    deemedAccepted: boolean;
    deadlineAt: string | null;
    termDays: number | null;
    urgent: boolean;
    extension: { at: string | null; days: number; approverName: string; reason: string } | null;
    pauses: { from: string; to: string | null; reason: PauseReason | null; note: string }[];
    submission: { at: string | null; authority: string; dueDate: string | null } | null;
    closedAt: string | null;
    holderName: string | null;
    windowName: string | null;
  };
  timeline: { at: string; actorName: string; action: string }[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : null;

/** The evidence JSON (or a string of it) as typed data; null when there is none to show. */
export function parseEvidence(raw: unknown): Evidence | null {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (!isObj(value) || !isObj(value.case)) return null;
  const c = value.case;
  const ext = isObj(c.extension) ? c.extension : null;
  const sub = isObj(c.submission) ? c.submission : null;
  return {
    case: {
      receiptNo: str(c.receiptNo),
      itemName: str(c.itemName),
      acceptedKind: oneOf(ACCEPTED_KINDS, c.acceptedKind),
      clockStartAt: str(c.clockStartAt),
      deemedAccepted: c.deemedAccepted === true,
      deadlineAt: str(c.deadlineAt),
      termDays: num(c.termDays),
      urgent: c.urgent === true,
      extension: ext
        ? {
            at: str(ext.at),
            days: num(ext.days) ?? 0,
            approverName: str(ext.approverName) ?? '',
            reason: str(ext.reason) ?? '',
          }
        : null,
      pauses: (Array.isArray(c.pauses) ? c.pauses : []).filter(isObj).flatMap((p) => {
        const from = str(p.from);
        return from
          ? [
              {
                from,
                to: str(p.to),
                reason: oneOf(PAUSE_REASONS, p.reason),
                note: str(p.note) ?? '',
              },
            ]
          : [];
      }),
      submission: sub
        ? { at: str(sub.at), authority: str(sub.authority) ?? '', dueDate: str(sub.dueDate) }
        : null,
      closedAt: str(c.closedAt),
      holderName: str(c.holderName),
      windowName: str(c.windowName),
    },
    timeline: (Array.isArray(value.timeline) ? value.timeline : [])
      .filter(isObj)
      .flatMap((e) => {
        const at = str(e.at);
        return at ? [{ at, actorName: str(e.actorName) ?? '', action: str(e.action) ?? '' }] : [];
      })
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
  };
}
