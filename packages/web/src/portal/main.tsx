import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout, Loading, NotFound } from './Layout.tsx';
import { PortalError } from './api.ts';
import { applyElderMode } from './prefs.ts';
import HomePage from './pages/HomePage.tsx';
import './portal.css';

// The home page comes with the first load; the others when first opened.
const GuidePage = lazy(() => import('./pages/GuidePage.tsx'));
const GuideItemPage = lazy(() => import('./pages/GuideItemPage.tsx'));
const AnnouncementsPage = lazy(() => import('./pages/AnnouncementsPage.tsx'));
const QueryPage = lazy(() => import('./pages/QueryPage.tsx'));
const BookPage = lazy(() => import('./pages/BookPage.tsx'));
const BookedPage = lazy(() =>
  import('./pages/BookPage.tsx').then((m) => ({ default: m.BookedPage })),
);
const BookingManagePage = lazy(() => import('./pages/BookingManagePage.tsx'));
const ReportPage = lazy(() => import('./pages/ReportPage.tsx'));
const ReportedPage = lazy(() =>
  import('./pages/ReportPage.tsx').then((m) => ({ default: m.ReportedPage })),
);
const ReportTrackPage = lazy(() => import('./pages/ReportTrackPage.tsx'));
const VisitPage = lazy(() => import('./pages/VisitPage.tsx'));
const VisitedPage = lazy(() =>
  import('./pages/VisitPage.tsx').then((m) => ({ default: m.VisitedPage })),
);
const VisitTrackPage = lazy(() => import('./pages/VisitTrackPage.tsx'));
const RatePage = lazy(() => import('./pages/RatePage.tsx'));

applyElderMode();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 60_000,
      refetchOnWindowFocus: false,
      // A refusal will not change by asking again; a weak phone signal might.
      retry: (count, error) =>
        !(error instanceof PortalError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Layout>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route index element={<HomePage />} />
              <Route path="guide" element={<GuidePage />} />
              <Route path="guide/:code" element={<GuideItemPage />} />
              <Route path="announcements" element={<AnnouncementsPage />} />
              <Route path="query" element={<QueryPage />} />
              <Route path="book" element={<BookPage />} />
              <Route path="book/done" element={<BookedPage />} />
              <Route path="book/manage" element={<BookingManagePage />} />
              <Route path="report" element={<ReportPage />} />
              <Route path="report/done" element={<ReportedPage />} />
              <Route path="report/track" element={<ReportTrackPage />} />
              <Route path="visit" element={<VisitPage />} />
              <Route path="visit/done" element={<VisitedPage />} />
              <Route path="visit/track" element={<VisitTrackPage />} />
              <Route path="rate/:token" element={<RatePage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </Layout>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
