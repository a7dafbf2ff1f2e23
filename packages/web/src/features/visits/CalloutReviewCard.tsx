import { Button, Card, Tag, Typography } from 'antd';
import { ListTable } from '../../components/ListTable.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { useCalloutReviewQuery, type CalloutRow } from './api.ts';
import './visits.css';

const L = t.callouts;

export function CalloutStateTag({ state }: { state: string }) {
  return <Tag className={`callout-state-${state}`}>{L.states[state]}</Tag>;
}

/**
 * For the assessment group, beside the inspections: the unanswered and late call-outs, each with a
 * button that opens the inspection form filled from it. Nothing is deducted unless the group enters
 * a finding.
 */
export function CalloutReviewCard({
  canManage,
  onEnter,
}: {
  canManage: boolean;
  onEnter: (c: CalloutRow) => void;
}) {
  const R = t.calloutReview;
  const review = useCalloutReviewQuery();
  const rows = review.data?.items ?? [];
  return (
    <Card title={R.title} className="block-gap">
      <Typography.Paragraph type="secondary">{R.description}</Typography.Paragraph>
      <ListTable<CalloutRow>
        query={review}
        rows={rows}
        empty={R.empty}
        size="small"
        tableLayout="auto"
        columns={[
          { title: L.columns.date, dataIndex: 'date', className: 'visit-nowrap' },
          { title: L.columns.staff, dataIndex: 'staffName', className: 'visit-nowrap' },
          { title: L.columns.matter, dataIndex: 'matter' },
          {
            title: L.columns.notifiedAt,
            key: 'n',
            className: 'visit-nowrap',
            render: (_, c) => formatDateTime(c.notifiedAt),
          },
          {
            title: L.columns.arrivedAt,
            key: 'a',
            className: 'visit-nowrap',
            render: (_, c) => formatDateTime(c.arrivedAt),
          },
          {
            title: L.columns.state,
            key: 's',
            render: (_, c) => <CalloutStateTag state={c.state} />,
          },
          ...(canManage
            ? [
                {
                  title: t.common.actions,
                  key: 'act',
                  render: (_: unknown, c: CalloutRow) => (
                    <Button size="small" onClick={() => onEnter(c)}>
                      {R.enterFinding}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
