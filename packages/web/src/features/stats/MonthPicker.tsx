import { DatePicker } from 'antd';
import { dayjs, todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

/** The month the figures are of (统计月份): up to the center's current month, never a later one. */
export function MonthPicker({
  id,
  month,
  onChange,
}: {
  id: string;
  /** YYYY-MM */
  month: string;
  onChange: (month: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{t.stats.month}</label>
      <DatePicker
        id={id}
        picker="month"
        value={dayjs(`${month}-01`)}
        allowClear={false}
        format="YYYY 年 M 月"
        disabledDate={(d) => d.isAfter(todayInCenter(), 'month')}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))}
      />
    </>
  );
}
