import { App as AntApp, ConfigProvider, theme, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { isApiError, setSessionHandlers } from './api/client.ts';
import { CHANGE_PASSWORD_PATH } from './auth/guards.tsx';
import { markSessionExpired } from './auth/session.ts';
import { staffHref } from './lib/paths.ts';
import { keys } from './api/endpoints.ts';
import { router } from './router.tsx';
import './lib/time.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal (4xx) will not change by asking again; a network hiccup might.
      retry: (count, error) =>
        !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

// Any 401 (an expired or revoked session) takes the user back to the login page: with `me` gone,
// RequireAuth redirects there and remembers the page to come back to. A user who must change the
// password first is sent to that page.
setSessionHandlers({
  unauthorized: () => {
    if (queryClient.getQueryData(keys.me)) markSessionExpired();
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    queryClient.setQueryData(keys.me, null);
  },
  passwordChangeRequired: () => {
    void queryClient.invalidateQueries({ queryKey: keys.me });
    if (window.location.pathname !== staffHref(CHANGE_PASSWORD_PATH))
      void router.navigate(CHANGE_PASSWORD_PATH);
  },
});

/**
 * Colors chosen for WCAG 2.1 AA contrast (4.5:1 for text) on white: the default antd blue, red and
 * grey descriptions are too light for small text.
 */
const appTheme: ThemeConfig = {
  algorithm: theme.defaultAlgorithm,
  token: {
    colorPrimary: '#0b4ea2',
    colorInfo: '#0b4ea2',
    colorLink: '#0b4ea2',
    colorError: '#c0262d',
    colorSuccess: '#2b7a0b',
    colorWarning: '#8a5300',
    // Backgrounds set by hand: derived from the dark seeds above they turn grey and lose contrast.
    colorSuccessBg: '#f1f8ec',
    colorSuccessBgHover: '#e3f1d9',
    colorSuccessBorder: '#b7dba0',
    colorErrorBg: '#fff1f0',
    colorErrorBgHover: '#ffe4e1',
    colorErrorBorder: '#ffccc7',
    colorWarningBg: '#fffbe6',
    colorWarningBgHover: '#fff1b8',
    colorWarningBorder: '#ffe58f',
    colorInfoBg: '#eef4fc',
    colorInfoBgHover: '#dde9f8',
    colorInfoBorder: '#a9c5ea',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
    // Whoever asked the system for less motion (系统设置“减少动态效果”) gets no zooming dialogs or
    // sliding lists: what opens is there at once. The browser flows ask for it too: a dialog
    // still zooming in on a busy machine could take a click meant for its 保存 (decision 0015).
    motion: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  },
  components: {
    Layout: { headerBg: '#0b3d7e', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { groupTitleColor: 'rgba(0, 0, 0, 0.62)' },
  },
};

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
