import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Select, Skeleton, Tag, Typography } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import {
  assessmentKeys,
  useInForcePolicy,
  type Appeal,
  type HalfYear,
  type SettlementLine,
} from '../../api/assessment.ts';
import { isApiError } from '../../api/client.ts';
import { usePersonEvaluationQuery } from '../../api/evaluations.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { DATE_FORMAT, formatDate, formatDateTime, todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { halfYearLabel } from '../assessment/format.ts';
import { AppealReasonItem, fileAppeal } from '../assessment/shared.tsx';
import { evaluationYear, RatingTag, yearOptions } from './format.tsx';
import './evaluations.css';

const M = t.myEvaluation;
const LA = t.lineAppeal;
const E = t.appealSubjects;
const My = t.myAssessment;

/** What a settlement-line or rating appeal is about, in a line or two. */
export function AppealSubjectText({ a }: { a: Appeal }) {
  if (a.subject === 'rating') return <div>{E.ratingOf(a.year, a.rating)}</div>;
  return (
    <>
      <div>
        {a.year !== null && a.half !== null && a.lineIndex !== null
          ? E.settlementLine(halfYearLabel({ year: a.year, half: a.half as 1 | 2 }), a.lineIndex)
          : t.common.none}
      </div>
      {a.line ? <div className="muted">{a.line.text}</div> : null}
    </>
  );
}

/** 我的年度考评: the rating decided for me, why, and an appeal against it. */
export function MyRating({ staffId }: { staffId: number }) {
  const today = todayInCenter().format(DATE_FORMAT);
  const [year, setYear] = useState(() => evaluationYear(today));
  const [appealing, setAppealing] = useState(false);
  const q = usePersonEvaluationQuery(year, staffId);
  const p = q.data;
  return (
    <Card className="section-card" title={<h2 className="card-title">{M.title}</h2>}>
      <div className="section-toolbar">
        <label htmlFor="my-evaluation-year">{M.yearPicker}</label>
        <Select
          id="my-evaluation-year"
          value={year}
          onChange={setYear}
          options={yearOptions(today).map((y) => ({
            value: y,
            label: t.evaluations.yearOption(y),
          }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
        />
      </div>
      {isApiError(q.error) && q.error.status === 404 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={M.notEvaluated} />
      ) : q.isError ? (
        <QueryErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : !p ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            size="small"
            bordered
            column={1}
            styles={{ label: { width: 120 } }}
            items={[
              {
                key: 'rating',
                label: M.rating,
                children: p.decided ? (
                  <>
                    <RatingTag rating={p.decided.rating} />
                    <span className="muted evaluation-decided-by">
                      {M.decidedBy(p.decided.decidedByName, formatDateTime(p.decided.decidedAt))}
                    </span>
                    {p.appealPending ? (
                      <Tag className="settlement-status-draft">{M.appealPending}</Tag>
                    ) : (
                      <Button
                        size="small"
                        icon={<FlagOutlined aria-hidden />}
                        className="evaluation-appeal"
                        onClick={() => setAppealing(true)}
                      >
                        {M.appeal}
                      </Button>
                    )}
                  </>
                ) : (
                  <span className="muted">{M.undecided}</span>
                ),
              },
              ...(p.decided
                ? [{ key: 'reason', label: M.reason, children: p.decided.reason }]
                : []),
              {
                key: 'proposal',
                label: M.proposal,
                children: (
                  <>
                    <RatingTag rating={p.proposal.rating} />
                    <ul className="evaluation-reasons">
                      {p.proposal.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  </>
                ),
              },
              ...(p.revisions.length > 1
                ? [
                    {
                      key: 'history',
                      label: M.history,
                      children: (
                        <ul className="evaluation-reasons">
                          {p.revisions.map((r) => (
                            <li key={r.id}>
                              {t.evaluations.revision(r.revision)}：{r.rating}
                              {r.appealId !== null ? t.evaluations.byAppeal : ''}（{r.decidedByName}{' '}
                              {formatDateTime(r.decidedAt)}）
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <RatingAppealModal year={year} open={appealing} onClose={() => setAppealing(false)} />
        </>
      )}
    </Card>
  );
}

interface ReasonValues {
  reason: string;
}

function RatingAppealModal({
  year,
  open,
  onClose,
}: {
  year: number;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ReasonValues>();
  const policy = useInForcePolicy();
  const save = useFeedbackMutation({
    mutationFn: (v: ReasonValues) =>
      fileAppeal({ subject: 'rating', year, reason: v.reason.trim() }),
    success: (a) => M.filed(formatDate(a.deadlineOn)),
    invalidate: [assessmentKeys.all],
    errors: { target: { form, fields: ['reason'] } },
    onSuccess: onClose,
  });
  return (
    <FormModal<ReasonValues>
      open={open}
      title={M.appealTitle(year)}
      formName="ratingAppealForm"
      form={form}
      okText={M.appeal}
      mutation={save}
      onClose={onClose}
      width={600}
    >
      <Typography.Paragraph type="secondary">
        {M.termHint(policy?.appealTermWorkingDays ?? null)}
      </Typography.Paragraph>
      <AppealReasonItem extra={M.reasonHelp} />
    </FormModal>
  );
}

interface LineValues {
  findingId?: number;
  reason: string;
}

/** An appeal against one line of an approved settlement. */
export function LineAppealModal({
  h,
  target,
  onClose,
}: {
  h: HalfYear;
  target: { line: SettlementLine; index: number } | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<LineValues>();
  const policy = useInForcePolicy();
  const ids = [...new Set(target?.line.findingIds ?? [])];
  const save = useFeedbackMutation({
    mutationFn: (v: LineValues) =>
      fileAppeal({
        subject: 'settlement',
        year: h.year,
        half: h.half,
        lineIndex: target!.index,
        ...(v.findingId !== undefined ? { findingId: v.findingId } : {}),
        reason: v.reason.trim(),
      }),
    success: (a) => M.filed(formatDate(a.deadlineOn)),
    invalidate: [assessmentKeys.all],
    errors: { target: { form, fields: ['findingId', 'reason'] } },
    onSuccess: onClose,
  });
  return (
    <FormModal<LineValues>
      open={target !== null}
      title={LA.title}
      formName="lineAppealForm"
      form={form}
      okText={LA.appeal}
      mutation={save}
      onClose={onClose}
      width={640}
      initialValues={ids.length === 1 ? { findingId: Number(ids[0]) } : {}}
    >
      {target ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="block-gap"
          styles={{ label: { width: 110 } }}
          items={[
            {
              key: 'line',
              label: LA.line,
              children: `${halfYearLabel(h)}：${target.line.text}`,
            },
          ]}
        />
      ) : null}
      {ids.length > 1 ? (
        <Form.Item label={LA.finding} name="findingId" rules={[required(LA.finding, true)]}>
          <Select<number>
            options={ids.map((id) => ({ value: Number(id), label: LA.findingNo(id) }))}
            style={{ width: 240 }}
          />
        </Form.Item>
      ) : null}
      {ids.length === 0 ? (
        <Typography.Paragraph type="warning">{LA.notCorrectable}</Typography.Paragraph>
      ) : null}
      <Typography.Paragraph type="secondary">
        {LA.termHint(policy?.appealTermWorkingDays ?? null)}
      </Typography.Paragraph>
      <AppealReasonItem extra={My.reasonHelp} />
    </FormModal>
  );
}
