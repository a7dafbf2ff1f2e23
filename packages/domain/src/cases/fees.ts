/**
 * Fees (无"三乱"): an item may only charge the fees listed for it in the catalog, each with its legal
 * basis, at most at the listed amount. Amounts are yuan with at most two decimals, as strings.
 */
import { ok, refuse, type Result } from '../shared/result.ts';

export interface CatalogFee {
  readonly name: string;
  /** Yuan, e.g. "10.00". */
  readonly amount: string;
  readonly basis: string;
}

export interface ChargedFee {
  readonly name: string;
  readonly amount: string;
}

const AMOUNT = /^\d{1,7}(\.\d{1,2})?$/;

/** Yuan as integer fen, or undefined when not an amount. */
export function toFen(amount: string): number | undefined {
  if (!AMOUNT.test(amount)) return undefined;
  const [yuan = '0', fen = ''] = amount.split('.');
  return Number(yuan) * 100 + Number(fen.padEnd(2, '0'));
}

export const formatFen = (fen: number) =>
  `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** A catalog's fee list: amounts well formed, names unique, a legal basis for each. */
export function checkCatalogFees(
  fees: readonly CatalogFee[],
): Result<CatalogFee[], 'BAD_AMOUNT' | 'DUPLICATE_FEE' | 'FEE_BASIS_REQUIRED'> {
  const seen = new Set<string>();
  const out: CatalogFee[] = [];
  for (const [i, f] of fees.entries()) {
    const fen = toFen(f.amount);
    if (fen === undefined) return refuse('BAD_AMOUNT', `fees.${i}.amount`, { value: f.amount });
    if (seen.has(f.name)) return refuse('DUPLICATE_FEE', `fees.${i}.name`, { name: f.name });
    if (f.basis.trim() === '') return refuse('FEE_BASIS_REQUIRED', `fees.${i}.basis`);
    seen.add(f.name);
    out.push({ name: f.name, amount: formatFen(fen), basis: f.basis });
  }
  return ok(out);
}

/**
 * What a case charges: each fee must be one of the item's, once, at no more than its listed amount.
 * Returns the charges with normalised amounts and the total.
 */
export function checkCharges(
  catalog: readonly CatalogFee[],
  charged: readonly ChargedFee[],
): Result<
  { fees: ChargedFee[]; total: string },
  'FEE_NOT_IN_CATALOG' | 'FEE_ABOVE_CATALOG' | 'BAD_AMOUNT' | 'DUPLICATE_FEE'
> {
  const seen = new Set<string>();
  const fees: ChargedFee[] = [];
  let total = 0;
  for (const [i, c] of charged.entries()) {
    const listed = catalog.find((f) => f.name === c.name);
    if (!listed) return refuse('FEE_NOT_IN_CATALOG', `fees.${i}.name`, { name: c.name });
    if (seen.has(c.name)) return refuse('DUPLICATE_FEE', `fees.${i}.name`, { name: c.name });
    const fen = toFen(c.amount);
    if (fen === undefined) return refuse('BAD_AMOUNT', `fees.${i}.amount`, { value: c.amount });
    const max = toFen(listed.amount) ?? 0;
    if (fen > max)
      return refuse('FEE_ABOVE_CATALOG', `fees.${i}.amount`, { name: c.name, max: listed.amount });
    seen.add(c.name);
    total += fen;
    fees.push({ name: c.name, amount: formatFen(fen) });
  }
  return ok({ fees, total: formatFen(total) });
}

/** The missing materials a supplement notice lists: at least one, each from the item's checklist. */
export function checkMissingMaterials(
  checklist: readonly string[],
  missing: readonly string[],
): Result<string[], 'NO_MATERIALS' | 'MATERIAL_NOT_IN_CHECKLIST'> {
  const unique = [...new Set(missing)];
  if (unique.length === 0) return refuse('NO_MATERIALS', 'materials');
  // The index in the list as entered (duplicates included), so the field names the right input.
  const unknown = missing.findIndex((m) => !checklist.includes(m));
  if (unknown >= 0)
    return refuse('MATERIAL_NOT_IN_CHECKLIST', `materials.${unknown}`, { name: missing[unknown] });
  // In the checklist's order, so the notice reads like the catalog.
  return ok(checklist.filter((m) => unique.includes(m)));
}
