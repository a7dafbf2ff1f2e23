import { useMemo, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, keys } from '../api/endpoints.ts';
import { useMe } from '../auth/session.ts';
import {
  CenterScopeContext,
  readStoredCenterId,
  storeCenterId,
  type CenterScope,
} from './scope.ts';

export function useCentersQuery(enabled = true) {
  return useQuery({ queryKey: keys.centers, queryFn: api.centers.list, enabled });
}

export function CenterScopeProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const crossCenter = me.centerId === null;
  const centers = useCentersQuery(crossCenter);
  const [picked, setPicked] = useState<number | null>(() =>
    crossCenter ? readStoredCenterId() : null,
  );

  const scope = useMemo<CenterScope>(() => {
    const select = (centerId: number | null) => {
      storeCenterId(centerId);
      setPicked(centerId);
    };
    if (!crossCenter) {
      return {
        crossCenter: false,
        centerId: me.centerId,
        centerName: me.centerName,
        query: {},
        ready: true,
        select,
      };
    }
    const list = centers.data ?? [];
    // A stored choice counts only while that center still exists; a single center needs no choice.
    const chosen =
      list.find((c) => c.id === picked) ?? (list.length === 1 ? list[0] : undefined) ?? null;
    return {
      crossCenter: true,
      centerId: chosen?.id ?? null,
      centerName: chosen?.name ?? null,
      query: chosen ? { centerId: chosen.id } : {},
      ready: chosen !== null,
      select,
    };
  }, [crossCenter, me.centerId, me.centerName, centers.data, picked]);

  return <CenterScopeContext.Provider value={scope}>{children}</CenterScopeContext.Provider>;
}
