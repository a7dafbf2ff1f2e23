import { Suspense, useMemo, type ReactNode } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { App, Button, Layout, Menu, Tooltip, type MenuProps } from 'antd';
import {
  AlertOutlined,
  BarChartOutlined,
  BellOutlined,
  LineChartOutlined,
  CarOutlined,
  PhoneOutlined,
  ApartmentOutlined,
  AuditOutlined,
  AccountBookOutlined,
  BankOutlined,
  BookOutlined,
  CarryOutOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  HourglassOutlined,
  ScheduleOutlined,
  CalendarOutlined,
  ContactsOutlined,
  DashboardOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  FormOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MessageOutlined,
  NotificationOutlined,
  IdcardOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  SoundOutlined,
  LikeOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  UserSwitchOutlined,
  DatabaseOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { ROLE_LABELS } from '@bianmin/contracts';
import type { Permission } from '@bianmin/domain';
import { api } from '../api/endpoints.ts';
import { useMe, useResetSession } from '../auth/session.ts';
import { FullPageSpin } from '../auth/guards.tsx';
import { useCenterScope } from '../center/scope.ts';
import { CenterSwitcher } from '../components/CenterSwitcher.tsx';
import { InboxBell } from '../features/inbox/InboxBell.tsx';
import { t } from '../locale/zh-CN.ts';
import { SiderToggle, useSiderCollapsed } from './SiderToggle.tsx';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
}
interface NavGroup {
  key: string;
  label: string | null;
  items: NavItem[];
}

/** The left menu; each entry appears only when the user's permissions allow the page. */
export const NAV: NavGroup[] = [
  {
    key: 'main',
    label: null,
    items: [
      { path: '/', label: t.menu.home, icon: <HomeOutlined aria-hidden /> },
      // Everyone: what the system brought to him or her (待办与提醒).
      { path: '/inbox', label: t.inboxMenu.inbox, icon: <BellOutlined aria-hidden /> },
    ],
  },
  {
    key: 'cases',
    label: t.menu.casesGroup,
    items: [
      {
        path: '/workbench',
        label: t.menu.workbench,
        icon: <FormOutlined aria-hidden />,
        permission: 'cases.work',
      },
      {
        path: '/appointments',
        label: t.appointmentsMenu.bookings,
        icon: <ContactsOutlined aria-hidden />,
        permission: 'appointments.work',
      },
      {
        path: '/visits',
        label: t.visitsMenu.visits,
        icon: <CarOutlined aria-hidden />,
        permission: 'visits.work',
      },
      {
        path: '/cases',
        label: t.menu.cases,
        icon: <FileSearchOutlined aria-hidden />,
        permission: 'cases.read',
      },
      {
        path: '/board',
        label: t.menu.board,
        icon: <DashboardOutlined aria-hidden />,
        permission: 'cases.board',
      },
      {
        path: '/stats',
        label: t.statsMenu.stats,
        icon: <LineChartOutlined aria-hidden />,
        permission: 'cases.board',
      },
      {
        path: '/stats/county',
        label: t.statsMenu.county,
        icon: <BarChartOutlined aria-hidden />,
        permission: 'stats.county',
      },
      {
        path: '/extensions',
        label: t.extensionsMenu.extensions,
        icon: <HourglassOutlined aria-hidden />,
        permission: 'cases.approve',
      },
      {
        path: '/announcements',
        label: t.announcementsMenu.announcements,
        icon: <SoundOutlined aria-hidden />,
        permission: 'announcements.manage',
      },
      {
        // Everyone: the ratings of one's own cases and the follow-ups given to one.
        path: '/ratings',
        label: t.ratingsMenu.ratings,
        icon: <LikeOutlined aria-hidden />,
      },
      {
        path: '/violations',
        label: t.menu.violations,
        icon: <AlertOutlined aria-hidden />,
        permission: 'violations.read',
      },
    ],
  },
  {
    // Everyone sees his or her own assessment and the regulations; the group sees the rest.
    key: 'assessment',
    label: t.assessmentMenu.group,
    items: [
      { path: '/my/assessment', label: t.assessmentMenu.my, icon: <IdcardOutlined aria-hidden /> },
      {
        path: '/assessment/inspections',
        label: t.assessmentMenu.inspections,
        icon: <SafetyCertificateOutlined aria-hidden />,
        permission: 'assessment.read',
      },
      {
        path: '/assessment/settlements',
        label: t.assessmentMenu.settlements,
        icon: <AccountBookOutlined aria-hidden />,
        permission: 'assessment.read',
      },
      {
        path: '/assessment/evaluations',
        label: t.evaluationMenu.evaluations,
        icon: <TrophyOutlined aria-hidden />,
        permission: 'assessment.read',
      },
      {
        path: '/assessment/appeals',
        label: t.assessmentMenu.appeals,
        icon: <SolutionOutlined aria-hidden />,
        permission: 'assessment.read',
      },
      {
        path: '/reports',
        label: t.reportsMenu.reports,
        icon: <NotificationOutlined aria-hidden />,
        permission: 'reports.manage',
      },
      {
        path: '/regulations',
        label: t.assessmentMenu.regulations,
        icon: <BookOutlined aria-hidden />,
      },
    ],
  },
  {
    // Everyone signs in and out and asks for leave; leaders see who is at post; the office keeps
    // the duty roster that everyone reads.
    key: 'attendance',
    label: t.attendanceMenu.group,
    items: [
      {
        path: '/attendance',
        label: t.attendanceMenu.clock,
        icon: <FieldTimeOutlined aria-hidden />,
      },
      {
        path: '/attendance/leave',
        label: t.attendanceMenu.leave,
        icon: <CarryOutOutlined aria-hidden />,
      },
      {
        path: '/attendance/at-post',
        label: t.attendanceMenu.atPost,
        icon: <EnvironmentOutlined aria-hidden />,
        permission: 'attendance.read',
      },
      {
        path: '/attendance/duty',
        label: t.attendanceMenu.duty,
        icon: <ScheduleOutlined aria-hidden />,
        permission: 'org.read',
      },
      {
        path: '/attendance/callouts',
        label: t.visitsMenu.callouts,
        icon: <PhoneOutlined aria-hidden />,
        permission: 'callouts.record',
      },
    ],
  },
  {
    key: 'org',
    label: t.menu.org,
    items: [
      {
        path: '/org/window-units',
        label: t.menu.windowUnits,
        icon: <ApartmentOutlined aria-hidden />,
        permission: 'org.read',
      },
      {
        path: '/org/windows',
        label: t.menu.windows,
        icon: <DesktopOutlined aria-hidden />,
        permission: 'org.read',
      },
      {
        path: '/org/staff',
        label: t.menu.staff,
        icon: <TeamOutlined aria-hidden />,
        permission: 'org.read',
      },
    ],
  },
  {
    key: 'settings',
    label: t.menu.settings,
    items: [
      {
        path: '/catalog',
        label: t.menu.catalog,
        icon: <ProfileOutlined aria-hidden />,
        permission: 'catalog.read',
      },
      {
        path: '/calendar',
        label: t.menu.calendar,
        icon: <CalendarOutlined aria-hidden />,
        permission: 'calendar.read',
      },
    ],
  },
  {
    key: 'admin',
    label: t.menu.admin,
    items: [
      {
        path: '/admin/users',
        label: t.menu.users,
        icon: <UserSwitchOutlined aria-hidden />,
        permission: 'users.read',
      },
      {
        path: '/admin/centers',
        label: t.menu.centers,
        icon: <BankOutlined aria-hidden />,
        permission: 'centers.manage',
      },
      {
        path: '/admin/backups',
        label: t.backups.menu,
        icon: <DatabaseOutlined aria-hidden />,
        permission: 'system.backups',
      },
    ],
  },
  {
    // What the system told applicants by text message, and whether it got through.
    key: 'messages',
    label: t.outboxMenu.group,
    items: [
      {
        path: '/outbox',
        label: t.outboxMenu.outbox,
        icon: <MessageOutlined aria-hidden />,
        permission: 'outbox.read',
      },
    ],
  },
  {
    key: 'audit',
    label: t.menu.auditGroup,
    items: [
      {
        path: '/audit',
        label: t.menu.audit,
        icon: <AuditOutlined aria-hidden />,
        permission: 'audit.read',
      },
    ],
  },
];

export function allowedNav(permissions: readonly Permission[]): NavGroup[] {
  return NAV.map((g) => ({
    ...g,
    items: g.items.filter((i) => !i.permission || permissions.includes(i.permission)),
  })).filter((g) => g.items.length > 0);
}

function selectedKey(pathname: string, paths: string[]): string[] {
  const match = paths
    .filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return match ? [match] : [];
}

export function AppLayout() {
  const me = useMe();
  const [collapsed, setCollapsed] = useSiderCollapsed();
  const scope = useCenterScope();
  const location = useLocation();
  const navigate = useNavigate();
  const resetSession = useResetSession();
  const { message } = App.useApp();

  // Until the password is changed every page but that one is refused, so the menu stays empty.
  const groups = useMemo(
    () => (me.mustChangePassword ? [] : allowedNav(me.permissions)),
    [me.mustChangePassword, me.permissions],
  );
  const items: MenuProps['items'] = groups
    .map((g) => {
      const children = g.items.map((i) => ({
        key: i.path,
        icon: i.icon,
        label: <Link to={i.path}>{i.label}</Link>,
      }));
      return g.label ? { type: 'group' as const, key: g.key, label: g.label, children } : children;
    })
    .flat();
  const paths = groups.flatMap((g) => g.items.map((i) => i.path));

  const logout = useMutation({
    mutationFn: api.auth.logout,
    onSettled: () => {
      resetSession(null);
      void navigate('/login', { replace: true });
      void message.success(t.layout.loggedOut);
    },
  });

  const roleText = me.roles.map((r) => ROLE_LABELS[r]).join(t.common.listSeparator);

  return (
    <Layout className="app-layout">
      <a href="#main-content" className="skip-link">
        {t.app.skipToContent}
      </a>
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand">
          <span className="app-emblem" aria-hidden="true">
            便
          </span>
          <span className="app-brand-text">{t.app.title}</span>
        </Link>
        <div className="app-header-center">
          {scope.crossCenter ? (
            <>
              <label htmlFor="header-center-switcher" className="app-header-label">
                {t.layout.center}
              </label>
              <CenterSwitcher id="header-center-switcher" labelled />
            </>
          ) : (
            <span className="app-center-name">
              <BankOutlined aria-hidden="true" /> {me.centerName ?? t.layout.allCenters}
            </span>
          )}
        </div>
        <div className="app-header-user">
          {me.mustChangePassword ? null : <InboxBell />}
          <span className="app-user">
            <UserOutlined aria-hidden="true" />
            <span className="app-user-name">{me.displayName}</span>
            <Tooltip title={roleText}>
              <span className="app-user-roles">{roleText}</span>
            </Tooltip>
          </span>
          <Button
            type="text"
            className="header-action"
            icon={<KeyOutlined aria-hidden />}
            onClick={() => void navigate('/account/password')}
          >
            {t.layout.changePassword}
          </Button>
          <Button
            type="text"
            className="header-action"
            icon={<LogoutOutlined aria-hidden />}
            loading={logout.isPending}
            onClick={() => logout.mutate()}
          >
            {t.layout.logout}
          </Button>
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={216}
          theme="light"
          className="app-sider"
          collapsible
          collapsed={collapsed}
          trigger={null}
        >
          <SiderToggle collapsed={collapsed} onChange={setCollapsed} />
          <nav id="app-main-nav" aria-label={t.app.mainNav}>
            <Menu
              mode="inline"
              items={items}
              selectedKeys={selectedKey(location.pathname, paths)}
              className="app-menu"
            />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main-content" tabIndex={-1} className="app-content">
          {/* A page opened by a link starts at its top; "back" returns to where one was. */}
          <ScrollRestoration />
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
