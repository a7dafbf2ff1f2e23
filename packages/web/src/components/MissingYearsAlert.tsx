import { Alert, Button, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useCan } from '../auth/session.ts';
import { t } from '../locale/zh-CN.ts';

/**
 * The calendar lacks these years: said in red, with the way to the calendar, to those who can enter
 * a year (calendar.manage, the center office) — the only ones who can do something about it. Others
 * see nothing (their cases carry 暂定 where it matters), or with `quiet`, on a page whose figures
 * depend on it (the board, the calendar itself), one grey line. No years missing, nothing.
 */
export function MissingYearsAlert({
  years,
  text,
  quiet = false,
}: {
  years: readonly number[];
  /** The page's words: what is missing, and what it means there. */
  text: { missingTitle: string; missing: (years: string) => string };
  /** Tell those who cannot enter the year too, in a quiet line. */
  quiet?: boolean;
}) {
  const canEnter = useCan('calendar.manage');
  const navigate = useNavigate();
  const onCalendar = useLocation().pathname.startsWith('/calendar');
  if (years.length === 0) return null;
  const list = years.join(t.common.listSeparator);
  if (!canEnter)
    return quiet ? (
      <Typography.Paragraph type="secondary" className="block-gap missing-years-quiet">
        {t.missingYears.quiet(list)}
      </Typography.Paragraph>
    ) : null;
  return (
    <Alert
      type="error"
      showIcon
      className="block-gap"
      title={text.missingTitle}
      description={text.missing(list)}
      action={
        onCalendar ? undefined : (
          <Button size="small" onClick={() => void navigate('/calendar')}>
            {t.missingYears.enter}
          </Button>
        )
      }
    />
  );
}
