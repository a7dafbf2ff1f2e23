import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '@bianmin/domain';
import { isApiError } from '../api/client.ts';
import { api, keys, type Me } from '../api/endpoints.ts';

/** Who is logged in: `null` when nobody is (the server answered 401). */
export function useMeQuery() {
  return useQuery<Me | null>({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await api.auth.me();
      } catch (e) {
        if (isApiError(e) && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: (count, e) => !(isApiError(e) && e.status > 0 && e.status < 500) && count < 2,
  });
}

/** The logged-in user; only inside the authenticated part of the app. */
export function useMe(): Me {
  const { data } = useMeQuery();
  if (!data) throw new Error('useMe() used outside the authenticated layout');
  return data;
}

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

export function useCan(permission: Permission): boolean {
  const { data } = useMeQuery();
  return hasPermission(data, permission);
}

/** Forgets everything cached for the previous user, keeping only what `me` says now. */
export function useResetSession() {
  const queryClient = useQueryClient();
  return (me: Me | null) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    queryClient.setQueryData(keys.me, me);
  };
}

const EXPIRED_KEY = 'bianmin.sessionExpired';

/** Remembers, across the redirect, that the login page should say the session ended. */
export function markSessionExpired(): void {
  try {
    window.sessionStorage.setItem(EXPIRED_KEY, '1');
  } catch {
    // Without storage the login page simply shows no notice.
  }
}

/** Whether the session just ended (see markSessionExpired). */
export function sessionJustExpired(): boolean {
  try {
    return window.sessionStorage.getItem(EXPIRED_KEY) === '1';
  } catch {
    return false;
  }
}

export function clearSessionExpired(): void {
  try {
    window.sessionStorage.removeItem(EXPIRED_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
