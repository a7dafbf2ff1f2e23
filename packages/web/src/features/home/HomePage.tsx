import { Link } from 'react-router';
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, KeyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS } from '@bianmin/contracts';
import { api, keys } from '../../api/endpoints.ts';
import { useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { allowedNav } from '../../layout/AppLayout.tsx';
import { t } from '../../locale/zh-CN.ts';

const LINK_TEXT: Record<string, string> = {
  '/org/window-units': t.home.links.windowUnits,
  '/org/windows': t.home.links.windows,
  '/org/staff': t.home.links.staff,
  '/admin/users': t.home.links.users,
  '/admin/centers': t.home.links.centers,
  '/calendar': t.home.links.calendar,
  '/audit': t.home.links.audit,
};

export default function HomePage() {
  const me = useMe();
  const scope = useCenterScope();
  const health = useQuery({ queryKey: keys.health, queryFn: api.health, staleTime: 60_000 });
  const links = allowedNav(me.permissions)
    .flatMap((g) => g.items)
    .filter((i) => i.path !== '/');

  return (
    <>
      <PageHeader title={t.home.welcome(me.displayName)} description={t.home.intro} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={<h2 className="card-title">{t.home.account}</h2>}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t.home.displayName}>{me.displayName}</Descriptions.Item>
              <Descriptions.Item label={t.home.username}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t.home.roles}>
                <Space size={[4, 4]} wrap>
                  {me.roles.map((r) => (
                    <Tag key={r}>{ROLE_LABELS[r]}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t.home.center}>
                {me.centerName ??
                  (scope.centerName
                    ? `${t.layout.allCenters} · ${scope.centerName}`
                    : t.layout.allCenters)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={<h2 className="card-title">{t.home.quickLinks}</h2>}>
            <Row gutter={[12, 12]}>
              {links.map((l) => (
                <Col xs={24} md={12} key={l.path}>
                  <Link to={l.path} className="quick-link">
                    <span className="quick-link-icon" aria-hidden="true">
                      {l.icon}
                    </span>
                    <span>
                      <strong>{l.label}</strong>
                      <span className="quick-link-text">{LINK_TEXT[l.path]}</span>
                    </span>
                  </Link>
                </Col>
              ))}
              <Col xs={24} md={12}>
                <Link to="/account/password" className="quick-link">
                  <span className="quick-link-icon" aria-hidden="true">
                    <KeyOutlined aria-hidden />
                  </span>
                  <span>
                    <strong>{t.layout.changePassword}</strong>
                    <span className="quick-link-text">{t.home.links.password}</span>
                  </span>
                </Link>
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      {health.data ? (
        <Typography.Paragraph className="home-status">
          <CheckCircleOutlined aria-hidden="true" /> {t.home.systemOk} ·{' '}
          {t.home.systemVersion(health.data.version)}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
