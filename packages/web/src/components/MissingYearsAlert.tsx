import { Alert } from 'antd';
import { t } from '../locale/zh-CN.ts';

/** The calendar lacks these years, said in red on a page whose terms depend on them; none, nothing. */
export function MissingYearsAlert({
  years,
  text,
}: {
  years: readonly number[];
  /** The page's words: what is missing, and what it means there. */
  text: { missingTitle: string; missing: (years: string) => string };
}) {
  if (years.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="block-gap"
      title={text.missingTitle}
      description={text.missing(years.join(t.common.listSeparator))}
    />
  );
}
