import { Alert, Button, Result, Space, Spin } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { isCrossCenter } from '@bianmin/domain';
import { isApiError } from '../../api/client.ts';
import { caseKeys, casesApi, noticePrintPath } from '../../api/cases.ts';
import { useMeQuery } from '../../auth/session.ts';
import { readStoredCenterId } from '../../center/scope.ts';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { t } from '../../locale/zh-CN.ts';
import { NoticeSheet } from './NoticeSheet.tsx';

const L = t.noticePrint;

/**
 * A notice on its own page for the printer: the A4 sheet and, above it (not printed), 打印,
 * 下载PDF and 返回办件. Outside the console layout, so a county admin's center comes from storage.
 */
export default function NoticePrintPage() {
  const params = useParams();
  const navigate = useNavigate();
  const id = Number(params.id);
  const me = useMeQuery().data;
  const centerId = me && isCrossCenter(me.roles) ? readStoredCenterId() : null;
  const scope = centerId !== null ? { centerId } : {};
  const valid = Number.isSafeInteger(id) && id > 0;
  const notice = useQuery({
    queryKey: caseKeys.notice(centerId, id),
    queryFn: () => casesApi.notice(scope, id),
    enabled: valid,
  });
  const n = notice.data;

  if (!valid || (isApiError(notice.error) && notice.error.status === 404)) {
    return (
      <main className="full-page-center">
        <Result status="404" title={<h1 className="result-title">{L.notFound}</h1>} />
      </main>
    );
  }

  return (
    <main className="notice-print-root">
      <title>{t.app.pageTitle(n ? `${n.content.title} ${n.number}` : L.title)}</title>
      <div
        className="no-print"
        role="toolbar"
        aria-label={L.toolbar}
        style={{ display: 'flex', justifyContent: 'center', padding: '12px 16px 0' }}
      >
        <Space wrap>
          <Button
            type="primary"
            size="large"
            icon={<PrinterOutlined aria-hidden />}
            disabled={!n}
            onClick={() => window.print()}
          >
            {L.print}
          </Button>
          <Button
            size="large"
            icon={<DownloadOutlined aria-hidden />}
            href={casesApi.noticePdfUrl(scope, id)}
            download={n ? `${n.content.title}-${n.content.receiptNo}.pdf` : undefined}
          >
            {L.pdf}
          </Button>
          {n ? (
            <Button
              size="large"
              icon={<ArrowLeftOutlined aria-hidden />}
              onClick={() => void navigate(`/cases/${n.caseId}`)}
            >
              {L.back}
            </Button>
          ) : null}
        </Space>
      </div>
      {n?.supersededById ? (
        <div className="no-print" style={{ maxWidth: '210mm', margin: '12px auto 0' }}>
          <Alert
            type="warning"
            showIcon
            title={L.superseded}
            action={<Link to={noticePrintPath(n.supersededById)}>{L.openCurrent}</Link>}
          />
        </div>
      ) : null}
      {notice.isError ? (
        <div className="no-print" style={{ maxWidth: '210mm', margin: '12px auto 0' }}>
          <QueryErrorAlert error={notice.error} onRetry={() => void notice.refetch()} />
        </div>
      ) : null}
      {n ? (
        <NoticeSheet content={n.content} />
      ) : notice.isPending ? (
        <div className="full-page-center" role="status">
          <Spin size="large" description={t.app.loading} />
        </div>
      ) : null}
    </main>
  );
}
