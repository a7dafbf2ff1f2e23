import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import type { Permission } from '@bianmin/domain';
import { errorMessage } from '../api/client.ts';
import { t } from '../locale/zh-CN.ts';
import { hasPermission, useMeQuery } from './session.ts';
import { ForbiddenPage } from '../features/errors/ForbiddenPage.tsx';

export const CHANGE_PASSWORD_PATH = '/account/password';

export function FullPageSpin() {
  return (
    <div className="full-page-center" role="status" aria-live="polite">
      <Spin size="large" description={t.app.loading} />
    </div>
  );
}

/** Lets only a logged-in user through; one who must change the password goes there first. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <main className="full-page-center">
        <Result
          status="error"
          title={t.common.loadFailed}
          subTitle={errorMessage(me.error)}
          extra={
            <Button type="primary" onClick={() => void me.refetch()}>
              {t.common.retry}
            </Button>
          }
        />
      </main>
    );
  }
  if (!me.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  if (me.data.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return children;
}

/** Shows a 403 page instead of a page the user's permissions do not allow. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const me = useMeQuery();
  if (!hasPermission(me.data, permission)) return <ForbiddenPage />;
  return children;
}
