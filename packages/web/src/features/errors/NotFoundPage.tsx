import { useNavigate } from 'react-router';
import { Button, Result } from 'antd';
import { t } from '../../locale/zh-CN.ts';

export default function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <>
      <title>{t.app.pageTitle(t.notFound.title)}</title>
      <Result
        status="404"
        title={<h1 className="result-title">{t.notFound.title}</h1>}
        subTitle={t.notFound.subTitle}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t.common.backHome}
          </Button>
        }
      />
    </>
  );
}
