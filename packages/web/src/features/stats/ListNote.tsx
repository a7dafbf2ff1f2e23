import { Alert, Button } from 'antd';
import { useSearchParams } from 'react-router';
import { monthLabel } from '@bianmin/domain';
import { t } from '../../locale/zh-CN.ts';
import { monthOfParam } from './format.ts';

/**
 * The month (and the other filters) a figure of 办件统计 opened a list with, read from the address
 * (ratings, reports, bookings, home visits), and a way back to the plain list.
 */
export function useStatsListParams() {
  const [params, setParams] = useSearchParams();
  const month = monthOfParam(params.get('month')) ?? undefined;
  return {
    month,
    get: (key: string) => params.get(key) ?? undefined,
    clear: () => setParams({}, { replace: true }),
  };
}

/** "办件统计的清单：2026 年 2 月 · 超期", with 清除这些条件; nothing without a month. */
export function StatsListNote({
  month,
  more = [],
  onClear,
}: {
  month: string | undefined;
  more?: (string | false | undefined)[];
  onClear: () => void;
}) {
  if (!month) return null;
  const text = [monthLabel(month), ...more].filter(Boolean).join(' · ');
  return (
    <Alert
      type="info"
      showIcon
      className="block-gap"
      title={t.stats.listFilters.title(text)}
      action={
        <Button size="small" onClick={onClear}>
          {t.stats.listFilters.clear}
        </Button>
      }
    />
  );
}
