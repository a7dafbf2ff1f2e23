import { safeFileName } from '../../http/download.ts';

/** The kinds of evidence file accepted (photos and scans). */
export type EvidenceType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** What the bytes really are, by their first bytes (the declared type is not trusted). */
export function sniff(content: Buffer): EvidenceType | null {
  if (content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

const EXTENSIONS: Record<EvidenceType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

/**
 * The name evidence is stored, listed and served under: the given name cleaned, with the extension of
 * the type its bytes are (issue 9 C7) — `poly.html` sent as a PNG is `poly.png`. Applied again when
 * listing and serving, so names stored before are safe too.
 */
export const evidenceFileName = (given: string, type: string) =>
  safeFileName(given, EXTENSIONS[type as EvidenceType] ?? 'bin', '证据');
