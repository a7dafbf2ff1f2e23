import type { ReactNode } from 'react';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCenterScope } from '../center/scope.ts';
import { CenterRequired } from './CenterRequired.tsx';
import { PageHeader } from './PageHeader.tsx';

/**
 * A page about the chosen center: the header's actions show once a center is picked, and the
 * content asks a county admin to pick one first.
 */
export function CenterPage({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const scope = useCenterScope();
  return (
    <>
      <PageHeader title={title} description={description} extra={scope.ready ? actions : null} />
      <CenterRequired>{children}</CenterRequired>
    </>
  );
}

/**
 * A list-and-edit page: the header with a "新建…" button for those who may create, then the list
 * and its modals. Center-scoped unless `centerScoped` is false (the county's own lists).
 */
export function ListPage({
  title,
  description,
  createLabel,
  canCreate,
  onCreate,
  centerScoped = true,
  children,
}: {
  title: string;
  description?: ReactNode;
  createLabel: string;
  canCreate: boolean;
  onCreate: () => void;
  centerScoped?: boolean;
  children: ReactNode;
}) {
  const create = canCreate ? (
    <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={onCreate}>
      {createLabel}
    </Button>
  ) : null;
  return centerScoped ? (
    <CenterPage title={title} description={description} actions={create}>
      {children}
    </CenterPage>
  ) : (
    <>
      <PageHeader title={title} description={description} extra={create} />
      {children}
    </>
  );
}
