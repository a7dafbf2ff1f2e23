import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { t } from '../locale/zh-CN.ts';

/** The page's one <h1>, its browser tab title, a short explanation and the page's main actions. */
export function PageHeader({
  title,
  description,
  extra,
}: {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="page-header">
      <title>{t.app.pageTitle(title)}</title>
      <div className="page-header-text">
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {description ? (
          <Typography.Paragraph className="page-description">{description}</Typography.Paragraph>
        ) : null}
      </div>
      {extra ? <div className="page-header-extra">{extra}</div> : null}
    </div>
  );
}
