import { ok, refuse, type Result } from '../shared/result.ts';

/** A remark on one missing paper (缺少公章): at most this many characters. */
export const MATERIAL_REMARK_MAX = 100;

/**
 * The remarks of a supplement notice, one per missing paper at most (缺少公章, 复印件不清晰): trimmed,
 * the empty ones dropped, in the order of the missing papers. A remark on a paper that is not marked
 * missing is refused: the notice would tell the applicant about a paper it does not ask for.
 */
export function checkMaterialRemarks(
  missing: readonly string[],
  remarks: Readonly<Record<string, string>>,
): Result<Record<string, string>, 'REMARK_NOT_MISSING'> {
  for (const [name, remark] of Object.entries(remarks))
    if (remark.trim() !== '' && !missing.includes(name))
      return refuse('REMARK_NOT_MISSING', 'remarks', { name });
  return ok(remarksOf(missing, remarks));
}

/** The remarks that still apply to these missing papers (after the list was corrected), in order. */
export function remarksOf(
  missing: readonly string[],
  remarks: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of missing) {
    const remark = remarkOf(remarks, name);
    if (remark !== '') out[name] = remark;
  }
  return out;
}

/** The remark on a missing paper, '' when there is none. */
export const remarkOf = (remarks: Readonly<Record<string, string>>, name: string): string =>
  Object.hasOwn(remarks, name) ? (remarks[name] ?? '').trim() : '';

/** A missing paper as the notice, the case page and the public query list it: 营业执照（缺少公章）. */
export function materialLine(name: string, remarks: Readonly<Record<string, string>>): string {
  const r = remarkOf(remarks, name);
  return r === '' ? name : `${name}（${r}）`;
}
