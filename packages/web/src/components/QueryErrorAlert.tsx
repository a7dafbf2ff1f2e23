import { Alert, Button } from 'antd';
import { errorMessage } from '../api/client.ts';
import { t } from '../locale/zh-CN.ts';

/** A list that failed to load: what went wrong, and a retry. */
export function QueryErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      className="block-gap"
      title={t.common.loadFailed}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t.common.retry}
          </Button>
        ) : undefined
      }
    />
  );
}
