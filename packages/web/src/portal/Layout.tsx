import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { STAFF_BASE } from '@bianmin/contracts';
import { portalApi } from './api.ts';
import { centerKeys, useCenterCode } from './center.tsx';
import { useElderMode } from './prefs.ts';
import { P } from './strings.ts';

/** Every portal page: a bar with the way home and 长辈模式, the page, and how to reach the center. */
export function Layout({ children }: { children: ReactNode }) {
  const [elder, setElder] = useElderMode();
  const { code } = useCenterCode();
  const center = useQuery({
    queryKey: centerKeys.one(code ?? ''),
    queryFn: () => portalApi.center(code!),
    enabled: code !== null,
  });
  return (
    <>
      <a className="skip" href="#main">
        {P.skip}
      </a>
      <header className="bar">
        <Link to="/" className="bar-home">
          {center.data?.name ?? P.siteName}
        </Link>
        <button
          type="button"
          className="elder-toggle"
          aria-pressed={elder}
          onClick={() => setElder(!elder)}
        >
          {P.elderMode}
          <span className="elder-hint">{elder ? P.elderOnHint : P.elderHint}</span>
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="foot">
        {center.data ? (
          <>
            <p>{center.data.name}</p>
            {center.data.phone ? (
              <p>
                <a href={`tel:${center.data.phone}`}>{P.callUs(center.data.phone)}</a>
              </p>
            ) : null}
          </>
        ) : null}
        <p>
          <Link to="/report/track">{P.report.trackTitle}</Link>
        </p>
        <p>
          <Link to="/announcements">{P.announcements.title}</Link>
        </p>
        <p>
          <a href={`${STAFF_BASE}/`}>{P.staffEntry}</a>
        </p>
      </footer>
    </>
  );
}

export function Loading() {
  return (
    <p className="status" role="status">
      {P.loading}
    </p>
  );
}

export function Failed({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="notice notice-bad" role="alert">
      <p>{P.loadFailed}</p>
      <button type="button" className="button button-secondary" onClick={onRetry}>
        {P.retry}
      </button>
    </div>
  );
}

export function NotFound() {
  return (
    <section>
      <title>{P.pageTitle(P.notFound)}</title>
      <h1>{P.notFound}</h1>
      <p>
        <Link to="/">{P.toHome}</Link>
      </p>
    </section>
  );
}
