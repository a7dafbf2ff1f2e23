import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { PortalCenter } from '@bianmin/contracts';
import { portalApi } from './api.ts';
import { Failed, Loading } from './Layout.tsx';
import { useChosenCenter } from './prefs.ts';
import { P } from './strings.ts';

export const centerKeys = {
  list: ['portal', 'centers'] as const,
  one: (code: string) => ['portal', 'center', code] as const,
  guide: (code: string) => ['portal', 'guide', code] as const,
  announcements: (code: string) => ['portal', 'announcements', code] as const,
};

/**
 * The center the person is looking at: the one in the address (`?c=`, as a QR code on a notice or
 * a poster gives it), else the one this device chose before, else the only one there is. null while
 * the list loads or when a choice is needed.
 */
export function useCenterCode(): { code: string | null; choosing: boolean } {
  const [params] = useSearchParams();
  const [chosen, choose] = useChosenCenter();
  const fromUrl = params.get('c');
  useEffect(() => {
    if (fromUrl && fromUrl !== chosen) choose(fromUrl);
  }, [fromUrl, chosen, choose]);
  const list = useQuery({
    queryKey: centerKeys.list,
    queryFn: portalApi.centers,
    enabled: !fromUrl && !chosen,
    staleTime: 10 * 60_000,
  });
  const code = fromUrl ?? chosen ?? (list.data?.length === 1 ? list.data[0]!.code : null);
  return { code, choosing: code === null && (list.data?.length ?? 0) > 1 };
}

/** Renders `children` with the person's center, or the list to choose one from. */
export function WithCenter({ children }: { children: (center: PortalCenter) => ReactNode }) {
  const { code, choosing } = useCenterCode();
  const center = useQuery({
    queryKey: centerKeys.one(code ?? ''),
    queryFn: () => portalApi.center(code!),
    enabled: code !== null,
  });
  if (choosing) return <CenterChooser />;
  if (center.isError) return <Failed onRetry={() => void center.refetch()} />;
  if (!center.data) return <Loading />;
  return children(center.data);
}

function CenterChooser() {
  const [, choose] = useChosenCenter();
  const list = useQuery({ queryKey: centerKeys.list, queryFn: portalApi.centers });
  return (
    <section aria-labelledby="choose-title">
      <title>{P.pageTitle(P.centers.title)}</title>
      <h1 id="choose-title">{P.centers.title}</h1>
      <p>{P.centers.intro}</p>
      <ul className="tiles">
        {(list.data ?? []).map((c) => (
          <li key={c.code}>
            <button type="button" className="tile" onClick={() => choose(c.code)}>
              <strong>{c.name}</strong>
              <span>{c.region}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
