import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Empty, Space } from 'antd';
import { useCentersQuery } from '../center/CenterScopeProvider.tsx';
import { useCenterScope } from '../center/scope.ts';
import { useCan } from '../auth/session.ts';
import { t } from '../locale/zh-CN.ts';
import { CenterSwitcher } from './CenterSwitcher.tsx';

/** Center-scoped content; a county admin who has not picked a center is asked to pick one. */
export function CenterRequired({ children }: { children: ReactNode }) {
  const scope = useCenterScope();
  const centers = useCentersQuery(scope.crossCenter);
  const canManageCenters = useCan('centers.manage');
  const navigate = useNavigate();
  if (scope.ready) return children;
  const none = centers.isSuccess && centers.data.length === 0;
  return (
    <Card>
      <Empty
        description={
          <Space orientation="vertical" size="small">
            <strong>{t.center.requiredTitle}</strong>
            <span>{none ? t.center.noCenters : t.center.requiredHint}</span>
          </Space>
        }
      >
        {none ? (
          canManageCenters ? (
            <Button type="primary" onClick={() => void navigate('/admin/centers')}>
              {t.center.goCreate}
            </Button>
          ) : null
        ) : (
          <CenterSwitcher id="center-required-switcher" />
        )}
      </Empty>
    </Card>
  );
}
