import { useState } from 'react';
import {
  Alert,
  Checkbox,
  Descriptions,
  Form,
  Radio,
  Select,
  Tag,
  type TableColumnsType,
} from 'antd';
import { Link } from 'react-router';
import { displayReceiptNo } from '@bianmin/domain';
import { TrophyOutlined } from '@ant-design/icons';
import {
  evaluationsApi,
  RATING_VALUES,
  useEvaluationSheetQuery,
  type PersonEvaluation,
  type RatingValue,
} from '../../api/evaluations.ts';
import { assessmentKeys } from '../../api/assessment.ts';
import { useCan } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { ListTable, RowAction } from '../../components/ListTable.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { DATE_FORMAT, formatDateTime, todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { evaluationYear, findingLevelCounts, RatingTag, yearOptions } from './format.tsx';
import './evaluations.css';

const L = t.evaluations;

type Row = PersonEvaluation & { id: number };

export default function EvaluationsPage() {
  const canDecide = useCan('evaluations.decide');
  const today = todayInCenter().format(DATE_FORMAT);
  const [year, setYear] = useState(() => evaluationYear(today));
  const sheet = useEvaluationSheetQuery(year);
  const [deciding, setDeciding] = useState<PersonEvaluation | null>(null);
  const rows: Row[] = (sheet.data?.people ?? []).map((p) => ({ ...p, id: p.staffId }));

  const columns: TableColumnsType<Row> = [
    {
      title: L.name,
      key: 'name',
      width: 150,
      render: (_, p) => (
        <>
          <div>
            {p.staffName} <span className="muted">{p.staffNo}</span>
          </div>
          <div className="muted">{p.windowName ?? t.common.none}</div>
          <div className="muted">{L.inPostRange(p.inPostFrom, p.inPostTo)}</div>
        </>
      ),
    },
    {
      title: L.attendance,
      key: 'attendance',
      width: 130,
      render: (_, p) => {
        const a = p.summary.attendance;
        return a ? (
          <ul className="evaluation-facts">
            {L.attendanceLines(a.late, a.leftEarly, a.absent, a.onLeave).map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">{L.attendanceMissing}</span>
        );
      },
    },
    {
      title: L.findings,
      key: 'findings',
      width: 120,
      render: (_, p) =>
        p.summary.findings.total === 0 ? (
          <span className="muted">{L.none}</span>
        ) : (
          <>
            <div>{L.findingsTotal(p.summary.findings.total)}</div>
            <div className="muted">{findingLevelCounts(p.summary.findings.byLevel)}</div>
          </>
        ),
    },
    {
      title: L.service,
      key: 'service',
      width: 150,
      render: (_, p) => (
        <ul className="evaluation-facts">
          <li>
            {L.overdue} {L.count(p.summary.overdueCases)}
          </li>
          <li>
            {L.complaints} {L.count(p.summary.complaints)}
          </li>
          <li className="muted">
            {L.ratings}：{p.summary.ratingsNote}
          </li>
          {p.openCandidates.length > 0 && !p.decided ? (
            <li>
              <Tag className="evaluation-open-candidates">
                {L.openCandidatesTag(p.openCandidates.length)}
              </Tag>
            </li>
          ) : null}
        </ul>
      ),
    },
    {
      title: L.proposal,
      key: 'proposal',
      minWidth: 260,
      render: (_, p) => (
        <>
          <RatingTag rating={p.proposal.rating} />
          {p.cap ? <Tag className="evaluation-capped">{L.capped}</Tag> : null}
          <ul className="evaluation-reasons">
            {p.proposal.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ),
    },
    {
      title: L.decided,
      key: 'decided',
      width: 170,
      render: (_, p) =>
        p.decided ? (
          <>
            <RatingTag rating={p.decided.rating} />
            {p.decided.appealId !== null ? <span className="muted">{L.byAppeal}</span> : null}
            <div className="muted">
              {p.decided.decidedByName} {formatDateTime(p.decided.decidedAt)}
            </div>
            {p.appealPending ? <Tag className="evaluation-pending">{L.appealPending}</Tag> : null}
          </>
        ) : (
          <span className="muted">{L.undecided}</span>
        ),
    },
  ];
  if (canDecide && sheet.data?.decidable)
    columns.push({
      title: t.common.actions,
      key: 'actions',
      width: 100,
      render: (_, p) =>
        p.decided ? null : (
          <RowAction
            icon={<TrophyOutlined aria-hidden />}
            label={L.decide}
            name={p.staffName}
            onClick={() => setDeciding(p)}
          />
        ),
    });

  return (
    <CenterPage title={L.title} description={L.description}>
      <div className="section-toolbar block-gap">
        <label htmlFor="evaluation-year">{L.yearPicker}</label>
        <Select
          id="evaluation-year"
          value={year}
          onChange={setYear}
          options={yearOptions(today).map((y) => ({ value: y, label: L.yearOption(y) }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
        />
      </div>
      {sheet.data && !sheet.data.decidable && sheet.data.blockedReason ? (
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={L.notOpen(sheet.data.blockedReason)}
        />
      ) : !canDecide ? (
        <Alert type="info" showIcon className="block-gap" title={L.readOnly} />
      ) : null}
      <ListTable<Row> query={sheet} rows={rows} columns={columns} empty={L.empty} size="middle" />
      <DecideModal year={year} person={deciding} onClose={() => setDeciding(null)} />
    </CenterPage>
  );
}

interface DecideValues {
  rating: RatingValue;
  reason: string;
  /** Checked: the decider has seen the open candidates of the year and decides before them. */
  confirmOpenCandidates?: boolean;
}

function DecideModal({
  year,
  person,
  onClose,
}: {
  year: number;
  person: PersonEvaluation | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<DecideValues>();
  const scope = useCenterScope();
  const save = useFeedbackMutation({
    mutationFn: (v: DecideValues) =>
      evaluationsApi.decide(scope.query, year, person!.staffId, {
        rating: v.rating,
        reason: v.reason.trim(),
        confirmOpenCandidates: v.confirmOpenCandidates
          ? person!.openCandidates.map((c) => c.id)
          : [],
      }),
    success: (p) => L.decidedOk(p.staffName, p.decided?.rating ?? ''),
    invalidate: [assessmentKeys.all],
    errors: {
      target: { form, fields: ['rating', 'reason', 'confirmOpenCandidates'] },
      refetch: [assessmentKeys.all],
    },
    onSuccess: onClose,
  });
  return (
    <FormModal<DecideValues>
      open={person !== null}
      title={person ? L.decideTitle(person.staffName, year) : ''}
      formName="decideEvaluationForm"
      form={form}
      okText={L.decide}
      mutation={save}
      onClose={onClose}
      width={680}
      initialValues={{ rating: person?.proposal.rating }}
    >
      {person ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          className="block-gap"
          styles={{ label: { width: 110 } }}
          items={[
            {
              key: 'proposal',
              label: L.proposal,
              children: (
                <>
                  <RatingTag rating={person.proposal.rating} />
                  <ul className="evaluation-reasons">
                    {person.proposal.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </>
              ),
            },
            ...(person.cap
              ? [
                  {
                    key: 'cap',
                    label: L.capped,
                    children: (
                      <>
                        <div>{L.capTitle(person.cap.maxRating)}</div>
                        <ul className="evaluation-reasons">
                          {person.cap.findings.map((f) => (
                            <li key={f.id}>
                              {f.date} {f.description}
                            </li>
                          ))}
                        </ul>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {person && person.openCandidates.length > 0 ? <OpenCandidates person={person} /> : null}
      <Form.Item label={L.rating} name="rating" rules={[required(L.rating, true)]}>
        <Radio.Group
          optionType="button"
          options={RATING_VALUES.map((r) => ({ value: r, label: r }))}
        />
      </Form.Item>
      <TextAreaItem
        label={L.reason}
        name="reason"
        max={2000}
        rows={4}
        showCount
        extra={L.reasonHelp}
      />
    </FormModal>
  );
}

/**
 * The overdue-case candidates of the year the group has not decided yet: deciding the rating before
 * them changes nothing of them, but their outcome would change the year's facts — so the decider
 * says so explicitly (the server refuses otherwise).
 */
function OpenCandidates({ person }: { person: PersonEvaluation }) {
  return (
    <>
      <Alert
        type="warning"
        showIcon
        className="block-gap"
        title={L.openCandidatesTitle(person.openCandidates.length)}
        description={
          <>
            <ul className="evaluation-reasons">
              {person.openCandidates.map((c) => (
                <li key={c.id}>
                  {L.openCandidateLine(
                    displayReceiptNo(c.receiptNo),
                    c.itemName ?? t.common.none,
                    formatDateTime(c.deadlineAt),
                    L.candidateKinds[c.kind] ?? c.kind,
                  )}
                </li>
              ))}
            </ul>
            <p>
              {L.openCandidatesHint} <Link to="/violations">{L.goToViolations}</Link>
            </p>
          </>
        }
      />
      <Form.Item
        name="confirmOpenCandidates"
        valuePropName="checked"
        rules={[
          {
            validator: (_, checked: boolean | undefined) =>
              checked ? Promise.resolve() : Promise.reject(new Error(L.confirmOpenRequired)),
          },
        ]}
      >
        <Checkbox>{L.confirmOpen}</Checkbox>
      </Form.Item>
    </>
  );
}
