import { useState } from 'react';
import {
  Alert,
  Checkbox,
  Descriptions,
  Form,
  Radio,
  Select,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { SolutionOutlined } from '@ant-design/icons';
import {
  assessmentApi,
  assessmentKeys,
  useAppealsQuery,
  type Appeal,
  type AppealOutcome,
  type DecideAppealBody,
  type FindingLevel,
} from '../../api/assessment.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction } from '../../components/ListTable.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { formatDateTime, nowMs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { changeText, isHigherLevel, itemLabel, levelText } from './format.ts';
import { AppealStatusTag, EvidenceLinks, FindingTags } from './shared.tsx';
import { RATING_VALUES, type RatingValue } from '../../api/evaluations.ts';
import { AppealSubjectText } from '../evaluations/MyEvaluation.tsx';
import './assessment.css';

const L = t.appeals;
const E = t.appealSubjects;
const S = t.assessmentShared;
type Tab = 'pending' | 'decided';
const OUTCOMES: readonly AppealOutcome[] = ['upheld', 'revoked', 'changed'];
const LEVELS: readonly FindingLevel[] = [
  'town',
  'joint_check',
  'public_report',
  'county',
  'city',
  'province',
];

export default function AppealsPage() {
  const canDecide = useCan('assessment.manage');
  const me = useMe();
  const [tab, setTab] = useState<Tab>('pending');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  const pageSize = 20;
  const pending = useAppealsQuery({ status: 'pending', page, pageSize }, tab === 'pending');
  // "Decided" is three statuses; the API filters by one, so the newest 200 are read and sorted here.
  const all = useAppealsQuery({ page: 1, pageSize: 200 }, tab === 'decided');
  const query = tab === 'pending' ? pending : all;
  const rows =
    tab === 'pending'
      ? (pending.data?.items ?? [])
      : (all.data?.items ?? []).filter((a) => a.status !== 'pending');

  /** Why this user may not decide this appeal, or null. */
  const recusal = (a: Appeal) =>
    me.staffId !== null && a.staffId === me.staffId
      ? L.recuseSelf
      : me.staffId !== null && a.subject === 'rating' && a.ratedByStaffId === me.staffId
        ? E.recuseRater
        : me.staffId !== null &&
            a.subject !== 'rating' &&
            a.finding?.recordedByStaffId === me.staffId
          ? L.recuse
          : null;

  const columns: TableColumnsType<Appeal> = [
    { title: L.staff, dataIndex: 'staffName', width: 90 },
    {
      title: E.subject,
      key: 'subject',
      width: 100,
      render: (_, a) => <Tag>{E[a.subject]}</Tag>,
    },
    {
      title: E.content,
      key: 'finding',
      minWidth: 240,
      render: (_, a) =>
        a.subject !== 'finding' ? (
          <>
            <AppealSubjectText a={a} />
            {a.finding ? (
              <div className="muted">
                {a.finding.date} {levelText(a.finding.level, a.finding.circulated)}{' '}
                {a.finding.description}
              </div>
            ) : null}
          </>
        ) : a.finding ? (
          <>
            <div>
              {a.finding.date} <FindingTags f={a.finding} />
            </div>
            <div>{itemLabel(a.finding.item)}</div>
            <div className="muted">{a.finding.description}</div>
          </>
        ) : (
          t.common.none
        ),
    },
    { title: L.reason, dataIndex: 'reason', minWidth: 200 },
    { title: L.filedAt, dataIndex: 'filedAt', width: 140, render: formatDateTime },
  ];
  if (tab !== 'decided')
    columns.push({
      title: <span title={L.decideDueHelp}>{L.decideDue}</span>,
      dataIndex: 'decideDueAt',
      width: 150,
      render: (v: string | null) =>
        v === null ? (
          t.common.none
        ) : Date.parse(v) < nowMs() ? (
          <span className="appeal-overdue">
            {formatDateTime(v)}（{L.decideOverdue}）
          </span>
        ) : (
          formatDateTime(v)
        ),
    });
  if (tab === 'decided') {
    columns.push(
      {
        title: L.status,
        dataIndex: 'status',
        width: 80,
        render: (s: Appeal['status']) => <AppealStatusTag status={s} />,
      },
      {
        title: L.decisionReason,
        key: 'decision',
        minWidth: 200,
        render: (_, a) => (
          <>
            {a.status === 'changed' ? (
              <div>
                {a.subject === 'rating'
                  ? E.changedTo(a.newRating ?? '')
                  : changeText(a.change, a.finding)}
              </div>
            ) : null}
            <div>{a.decisionReason}</div>
            <div className="muted">
              {t.myAssessment.decisionLine(
                a.decidedByName ?? t.common.none,
                formatDateTime(a.decidedAt),
              )}
            </div>
          </>
        ),
      },
    );
  } else if (canDecide) {
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, a) => {
        const why = recusal(a);
        return why ? (
          <span className="muted">{why}</span>
        ) : (
          <RowAction
            icon={<SolutionOutlined aria-hidden />}
            label={L.decide}
            name={a.staffName}
            onClick={() => setDeciding(a)}
          />
        );
      },
    });
  }

  return (
    <CenterPage title={L.title} description={E.pageDescription}>
      {canDecide ? null : (
        <Alert type="info" showIcon className="block-gap" title={L.readOnlyHint} />
      )}
      <ListTable<Appeal>
        query={query}
        rows={rows}
        columns={columns}
        empty={L.empty[tab]}
        size="middle"
        scroll={{ x: tab === 'pending' ? 900 : 1100 }}
        toolbar={
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              setTab(key as Tab);
              setPage(1);
            }}
            items={(['pending', 'decided'] as const).map((k) => ({ key: k, label: L.tabs[k] }))}
          />
        }
        pagination={
          tab === 'pending'
            ? {
                current: page,
                pageSize,
                total: pending.data?.total ?? 0,
                hideOnSinglePage: true,
                showTotal: t.common.total,
                onChange: setPage,
              }
            : undefined
        }
      />
      <DecideModal appeal={deciding} onClose={() => setDeciding(null)} />
    </CenterPage>
  );
}

interface DecideValues {
  outcome: AppealOutcome;
  rating?: RatingValue;
  changeLevel?: FindingLevel;
  changeCirculated?: boolean;
  reason: string;
}

function DecideModal({ appeal, onClose }: { appeal: Appeal | null; onClose: () => void }) {
  const [form] = Form.useForm<DecideValues>();
  const outcome = Form.useWatch('outcome', form);
  const level = Form.useWatch('changeLevel', form);
  const f = appeal?.finding ?? null;
  const outcomes: readonly AppealOutcome[] =
    appeal?.subject === 'rating'
      ? ['upheld', 'changed']
      : appeal && !appeal.correctable
        ? ['upheld']
        : OUTCOMES;
  const hints = appeal?.subject === 'rating' ? E.ratingOutcomeHints : L.outcomeHints;

  const save = useFeedbackMutation({
    mutationFn: (v: DecideValues) => {
      const body: DecideAppealBody = {
        version: appeal!.version,
        outcome: v.outcome,
        reason: v.reason.trim(),
      };
      if (appeal!.subject === 'rating') {
        if (v.outcome === 'changed' && v.rating) body.rating = v.rating;
      } else if (v.outcome === 'changed' && v.changeLevel) {
        body.change = {
          level: v.changeLevel,
          circulated: isHigherLevel(v.changeLevel) ? (v.changeCirculated ?? false) : false,
        };
      }
      return assessmentApi.appeals.decide(appeal!.id, body);
    },
    success: (a) => L.decided(L.outcomes[a.status] ?? a.status),
    invalidate: [assessmentKeys.all],
    errors: {
      target: {
        form,
        fields: ['outcome', 'changeLevel', 'rating', 'reason'],
        alias: { change: 'changeLevel' },
      },
      refetch: [assessmentKeys.all],
    },
    onSuccess: onClose,
  });

  return (
    <FormModal<DecideValues>
      open={appeal !== null}
      title={appeal ? L.decideTitle(appeal.staffName) : ''}
      formName="decideAppealForm"
      form={form}
      okText={L.decide}
      mutation={save}
      onClose={onClose}
      width={680}
      initialValues={{
        outcome: 'upheld',
        changeLevel: f?.level,
        changeCirculated: f?.circulated ?? false,
      }}
    >
      {appeal ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="block-gap"
          styles={{ label: { width: 110 } }}
          items={[
            { key: 'staff', label: L.staff, children: appeal.staffName },
            ...(appeal.subject !== 'finding'
              ? [
                  {
                    key: 'subject',
                    label: E.subject,
                    children: <AppealSubjectText a={appeal} />,
                  },
                ]
              : []),
            ...(f
              ? [
                  {
                    key: 'finding',
                    label: L.finding,
                    children: (
                      <>
                        <div>
                          {f.date} {levelText(f.level, f.circulated)}
                        </div>
                        <div>{itemLabel(f.item)}</div>
                        <div>
                          {f.description}（{S.findingNo(f.id)}）
                        </div>
                      </>
                    ),
                  },
                  { key: 'evidence', label: S.evidence, children: <EvidenceLinks f={f} /> },
                ]
              : []),
            { key: 'reason', label: L.reason, children: appeal.reason },
            { key: 'filed', label: L.filedAt, children: formatDateTime(appeal.filedAt) },
          ]}
        />
      ) : null}
      <Form.Item label={L.outcome} name="outcome" rules={[required(L.outcome, true)]}>
        <Radio.Group
          optionType="button"
          options={outcomes.map((o) => ({ value: o, label: L.outcomes[o] }))}
        />
      </Form.Item>
      {appeal && appeal.subject === 'settlement' && !appeal.correctable ? (
        <Typography.Paragraph type="warning">{E.lineUpheldOnly}</Typography.Paragraph>
      ) : outcome ? (
        <Typography.Paragraph type="secondary">{hints[outcome]}</Typography.Paragraph>
      ) : null}
      {outcome === 'changed' && appeal?.subject === 'rating' ? (
        <Form.Item label={E.newRating} name="rating" rules={[required(E.newRating, true)]}>
          <Radio.Group
            optionType="button"
            options={RATING_VALUES.filter((r) => r !== appeal.rating).map((r) => ({
              value: r,
              label: r,
            }))}
          />
        </Form.Item>
      ) : outcome === 'changed' ? (
        <>
          <Form.Item
            label={L.changeLevel}
            name="changeLevel"
            rules={[required(L.changeLevel, true)]}
          >
            <Select<FindingLevel>
              options={LEVELS.map((l) => ({ value: l, label: S.levels[l] }))}
              style={{ width: 240 }}
            />
          </Form.Item>
          {isHigherLevel(level) ? (
            <Form.Item name="changeCirculated" valuePropName="checked">
              <Checkbox>{L.changeCirculated}</Checkbox>
            </Form.Item>
          ) : null}
        </>
      ) : null}
      <TextAreaItem
        label={L.decisionReason}
        name="reason"
        max={2000}
        rows={4}
        showCount
        extra={L.decisionReasonHelp}
      />
    </FormModal>
  );
}
