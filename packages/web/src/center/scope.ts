import { createContext, useContext } from 'react';
import type { CenterQuery } from '../api/client.ts';

export interface CenterScope {
  /** True for a county admin, who works across centers and picks one in the header. */
  crossCenter: boolean;
  /** The center the pages work on: the user's own, or the one a county admin picked. */
  centerId: number | null;
  centerName: string | null;
  /** What to add to a center-scoped request: `{ centerId }` for a county admin, `{}` otherwise. */
  query: CenterQuery;
  /** Whether center-scoped pages can load (a county admin has picked a center). */
  ready: boolean;
  select: (centerId: number | null) => void;
}

export const CenterScopeContext = createContext<CenterScope | null>(null);

export function useCenterScope(): CenterScope {
  const scope = useContext(CenterScopeContext);
  if (!scope) throw new Error('useCenterScope() used outside <CenterScopeProvider>');
  return scope;
}

export const CENTER_STORAGE_KEY = 'bianmin.centerId';

export function readStoredCenterId(): number | null {
  try {
    const raw = window.localStorage.getItem(CENTER_STORAGE_KEY);
    const n = raw === null ? NaN : Number(raw);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function storeCenterId(centerId: number | null): void {
  try {
    if (centerId === null) window.localStorage.removeItem(CENTER_STORAGE_KEY);
    else window.localStorage.setItem(CENTER_STORAGE_KEY, String(centerId));
  } catch {
    // Storage may be blocked (private mode); the choice then lasts for this page only.
  }
}
