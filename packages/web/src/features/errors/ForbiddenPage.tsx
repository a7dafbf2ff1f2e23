import { useNavigate } from 'react-router';
import { Button, Result } from 'antd';
import { t } from '../../locale/zh-CN.ts';

export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <>
      <title>{t.app.pageTitle(t.forbidden.title)}</title>
      <Result
        status="403"
        title={<h1 className="result-title">{t.forbidden.title}</h1>}
        subTitle={t.forbidden.subTitle}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t.common.backHome}
          </Button>
        }
      />
    </>
  );
}
