import { STAFF_BASE } from './lib/paths.ts';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, useRouteError } from 'react-router';
import { Button, Result } from 'antd';
import type { Permission } from '@bianmin/domain';
import { FullPageSpin, RequireAuth, RequirePermission } from './auth/guards.tsx';
import { CenterScopeProvider } from './center/CenterScopeProvider.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { t } from './locale/zh-CN.ts';

// One chunk per page: a clerk downloads only the screens he or she opens.
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx'));
const ChangePasswordPage = lazy(() => import('./features/auth/ChangePasswordPage.tsx'));
const HomePage = lazy(() => import('./features/home/HomePage.tsx'));
const WindowUnitsPage = lazy(() => import('./features/org/WindowUnitsPage.tsx'));
const WindowsPage = lazy(() => import('./features/org/WindowsPage.tsx'));
const StaffPage = lazy(() => import('./features/org/StaffPage.tsx'));
const UsersPage = lazy(() => import('./features/admin/UsersPage.tsx'));
const CentersPage = lazy(() => import('./features/admin/CentersPage.tsx'));
const CalendarPage = lazy(() => import('./features/calendar/CalendarPage.tsx'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx'));
const OutboxPage = lazy(() => import('./features/outbox/OutboxPage.tsx'));
const BackupsPage = lazy(() => import('./features/backups/BackupsPage.tsx'));
const WorkbenchPage = lazy(() => import('./features/cases/WorkbenchPage.tsx'));
const CasesPage = lazy(() => import('./features/cases/CasesPage.tsx'));
const CaseDetailPage = lazy(() => import('./features/cases/CaseDetailPage.tsx'));
const AppointmentsPage = lazy(() => import('./features/appointments/AppointmentsPage.tsx'));
const VisitsPage = lazy(() => import('./features/visits/VisitsPage.tsx'));
const CalloutsPage = lazy(() => import('./features/visits/CalloutsPage.tsx'));
const AnnouncementsPage = lazy(() => import('./features/announcements/AnnouncementsPage.tsx'));
const RatingsPage = lazy(() => import('./features/ratings/RatingsPage.tsx'));
const InboxPage = lazy(() => import('./features/inbox/InboxPage.tsx'));
const NoticePrintPage = lazy(() => import('./features/notices/NoticePrintPage.tsx'));
const CatalogPage = lazy(() => import('./features/catalog/CatalogPage.tsx'));
const BoardPage = lazy(() => import('./features/board/BoardPage.tsx'));
// 办件统计: ECharts lives in these chunks only (and in the board's lazily loaded trend chart).
const StatsPage = lazy(() => import('./features/stats/StatsPage.tsx'));
const CountyStatsPage = lazy(() => import('./features/stats/CountyStatsPage.tsx'));
const StatsReportPage = lazy(() => import('./features/stats/StatsReportPage.tsx'));
const CountyReportPage = lazy(() =>
  import('./features/stats/StatsReportPage.tsx').then((m) => ({ default: m.CountyReportPage })),
);
const ExtensionsPage = lazy(() => import('./features/extensions/ExtensionsPage.tsx'));
const ViolationsPage = lazy(() => import('./features/violations/ViolationsPage.tsx'));
const MyAssessmentPage = lazy(() => import('./features/assessment/MyAssessmentPage.tsx'));
const InspectionsPage = lazy(() => import('./features/assessment/InspectionsPage.tsx'));
const SettlementsPage = lazy(() => import('./features/assessment/SettlementsPage.tsx'));
const EvaluationsPage = lazy(() => import('./features/evaluations/EvaluationsPage.tsx'));
const AppealsPage = lazy(() => import('./features/assessment/AppealsPage.tsx'));
const ReportsPage = lazy(() => import('./features/reports/ReportsPage.tsx'));
const RegulationsPage = lazy(() => import('./features/regulations/RegulationsPage.tsx'));
const ClockPage = lazy(() => import('./features/attendance/ClockPage.tsx'));
const LeavePage = lazy(() => import('./features/attendance/LeavePage.tsx'));
const AtPostPage = lazy(() => import('./features/attendance/AtPostPage.tsx'));
const DutyPage = lazy(() => import('./features/attendance/DutyPage.tsx'));
const NotFoundPage = lazy(() => import('./features/errors/NotFoundPage.tsx'));

function guarded(permission: Permission, page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
}

/** A page chunk that failed to load (network, or a new release replaced the files). */
function RouteError() {
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <main className="full-page-center">
      <Result
        status="warning"
        title={<h1 className="result-title">{t.loadError.title}</h1>}
        subTitle={t.loadError.subTitle}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t.loadError.reload}
          </Button>
        }
      />
    </main>
  );
}

export const router = createBrowserRouter(
  [
    {
      path: '/login',
      errorElement: <RouteError />,
      element: (
        <Suspense fallback={<FullPageSpin />}>
          <LoginPage />
        </Suspense>
      ),
    },
    {
      // A notice on its own A4 sheet, without the console around it, for the printer.
      path: '/notices/:id/print',
      errorElement: <RouteError />,
      element: (
        <RequireAuth>
          <Suspense fallback={<FullPageSpin />}>
            {guarded('cases.read', <NoticePrintPage />)}
          </Suspense>
        </RequireAuth>
      ),
    },
    {
      // The monthly report (办件统计月报) and the county's comparison on A4, for the printer.
      path: '/stats/report',
      errorElement: <RouteError />,
      element: (
        <RequireAuth>
          <Suspense fallback={<FullPageSpin />}>
            {guarded('cases.board', <StatsReportPage />)}
          </Suspense>
        </RequireAuth>
      ),
    },
    {
      path: '/stats/county/report',
      errorElement: <RouteError />,
      element: (
        <RequireAuth>
          <Suspense fallback={<FullPageSpin />}>
            {guarded('stats.county', <CountyReportPage />)}
          </Suspense>
        </RequireAuth>
      ),
    },
    {
      path: '/',
      errorElement: <RouteError />,
      element: (
        <RequireAuth>
          <CenterScopeProvider>
            <AppLayout />
          </CenterScopeProvider>
        </RequireAuth>
      ),
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'workbench', element: guarded('cases.work', <WorkbenchPage />) },
            { path: 'cases', element: guarded('cases.read', <CasesPage />) },
            { path: 'cases/:id', element: guarded('cases.read', <CaseDetailPage />) },
            {
              path: 'appointments',
              element: guarded('appointments.work', <AppointmentsPage />),
            },
            { path: 'visits', element: guarded('visits.work', <VisitsPage />) },
            { path: 'board', element: guarded('cases.board', <BoardPage />) },
            { path: 'stats', element: guarded('cases.board', <StatsPage />) },
            { path: 'stats/county', element: guarded('stats.county', <CountyStatsPage />) },
            { path: 'extensions', element: guarded('cases.approve', <ExtensionsPage />) },
            {
              path: 'announcements',
              element: guarded('announcements.manage', <AnnouncementsPage />),
            },
            // Everyone sees the ratings that concern him or her; the list is for ratings.read.
            { path: 'ratings', element: <RatingsPage /> },
            // Everyone: one's own items and the SMS choice (待办与提醒).
            { path: 'inbox', element: <InboxPage /> },
            { path: 'catalog', element: guarded('catalog.read', <CatalogPage />) },
            { path: 'violations', element: guarded('violations.read', <ViolationsPage />) },
            { path: 'my/assessment', element: <MyAssessmentPage /> },
            {
              path: 'assessment/inspections',
              element: guarded('assessment.read', <InspectionsPage />),
            },
            {
              path: 'assessment/settlements',
              element: guarded('assessment.read', <SettlementsPage />),
            },
            {
              path: 'assessment/evaluations',
              element: guarded('assessment.read', <EvaluationsPage />),
            },
            { path: 'assessment/appeals', element: guarded('assessment.read', <AppealsPage />) },
            { path: 'reports', element: guarded('reports.manage', <ReportsPage />) },
            { path: 'regulations', element: <RegulationsPage /> },
            { path: 'attendance', element: <ClockPage /> },
            { path: 'attendance/leave', element: <LeavePage /> },
            { path: 'attendance/at-post', element: guarded('attendance.read', <AtPostPage />) },
            { path: 'attendance/duty', element: guarded('org.read', <DutyPage />) },
            {
              path: 'attendance/callouts',
              element: guarded('callouts.record', <CalloutsPage />),
            },
            { path: 'org/window-units', element: guarded('org.read', <WindowUnitsPage />) },
            { path: 'org/windows', element: guarded('org.read', <WindowsPage />) },
            { path: 'org/staff', element: guarded('org.read', <StaffPage />) },
            { path: 'admin/users', element: guarded('users.read', <UsersPage />) },
            { path: 'admin/centers', element: guarded('centers.manage', <CentersPage />) },
            { path: 'admin/backups', element: guarded('system.backups', <BackupsPage />) },
            { path: 'calendar', element: guarded('calendar.read', <CalendarPage />) },
            { path: 'audit', element: guarded('audit.read', <AuditPage />) },
            { path: 'outbox', element: guarded('outbox.read', <OutboxPage />) },
            { path: 'account/password', element: <ChangePasswordPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ],
  { basename: STAFF_BASE },
);
