import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { PortalCenter, PortalGuideItem } from '@bianmin/contracts';
import { portalApi } from '../api.ts';
import { centerKeys, WithCenter } from '../center.tsx';
import { Failed, Loading } from '../Layout.tsx';
import { searchItems } from '../../lib/itemSearch.ts';
import { P } from '../strings.ts';
import { termText } from './guide-text.ts';

const G = P.guide;

/** 办事指南: every item a person can come for, found by any name they know it by. */
export default function GuidePage() {
  return <WithCenter>{(center) => <Guide center={center} />}</WithCenter>;
}

export function useGuide(code: string) {
  return useQuery({ queryKey: centerKeys.guide(code), queryFn: () => portalApi.guide(code) });
}

function Guide({ center }: { center: PortalCenter }) {
  const guide = useGuide(center.code);
  // The search is in the address, so "back" from an item returns to the same results.
  const [params, setParams] = useSearchParams();
  const typed = params.get('q') ?? '';
  const deferred = useDeferredValue(typed);
  const id = useId();
  const found = guide.data ? searchItems(guide.data.items, deferred) : [];
  return (
    <>
      <title>{P.pageTitle(G.title, center.name)}</title>
      <h1>{G.title}</h1>
      <div className="field">
        <label htmlFor={`${id}-q`}>{G.search}</label>
        <input
          id={`${id}-q`}
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          value={typed}
          onChange={(e) =>
            setParams(e.target.value ? { q: e.target.value } : {}, { replace: true })
          }
        />
        <span className="hint" id={`${id}-hint`}>
          {G.searchHint}
        </span>
      </div>
      {guide.isError ? <Failed onRetry={() => void guide.refetch()} /> : null}
      {guide.isPending ? <Loading /> : null}
      {guide.data ? (
        <>
          <p className="count" role="status">
            {found.length > 0 ? G.count(found.length) : G.none}
          </p>
          <ul className="items">
            {found.map((item) => (
              <li key={item.code}>
                <ItemCard item={item} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function ItemCard({ item }: { item: PortalGuideItem }) {
  return (
    <Link className="item" to={`/guide/${encodeURIComponent(item.code)}`}>
      <strong className="item-name">{item.name}</strong>
      {item.aliases.length > 0 ? <span className="hint">{G.aliases(item.aliases)}</span> : null}
      <span>
        {item.windowUnitName} · {termText(item)}
      </span>
      {item.appointment || item.homeVisit ? (
        <span className="badges">
          {item.appointment ? <span className="badge">{G.appointment}</span> : null}
          {item.homeVisit ? <span className="badge">{G.homeVisit}</span> : null}
        </span>
      ) : null}
    </Link>
  );
}
