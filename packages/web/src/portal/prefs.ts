import { useCallback, useSyncExternalStore } from 'react';

/**
 * What the portal remembers on this device (never on the server): the chosen center and 长辈模式.
 * A browser that refuses storage (private mode) just forgets.
 */
const KEYS = { center: 'bianmin.portal.center', elder: 'bianmin.portal.elder' } as const;
type Key = keyof typeof KEYS;

const listeners = new Set<() => void>();

function read(key: Key): string | null {
  try {
    return localStorage.getItem(KEYS[key]);
  } catch {
    return null;
  }
}

function write(key: Key, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(KEYS[key]);
    else localStorage.setItem(KEYS[key], value);
  } catch {
    // Storage refused: the choice lasts for this page only.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function usePref(key: Key): [string | null, (value: string | null) => void] {
  const value = useSyncExternalStore(subscribe, () => read(key));
  return [value, useCallback((v: string | null) => write(key, v), [key])];
}

/** The center this device chose (a county's portal serves several). */
export const useChosenCenter = () => usePref('center');

/** 长辈模式: larger text and stronger contrast, on the whole page (a class on <html>). */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [value, set] = usePref('elder');
  return [value === '1', useCallback((on: boolean) => set(on ? '1' : null), [set])];
}

/** Applied before the first paint, so the page does not jump from small to large text. */
export function applyElderMode(on = read('elder') === '1'): void {
  document.documentElement.classList.toggle('elder', on);
}
subscribe(() => applyElderMode());
