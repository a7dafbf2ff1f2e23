import { useState } from 'react';
import { Card, DatePicker, Form, Input, Tag, Typography, type TableColumnsType } from 'antd';
import { FileDoneOutlined, SendOutlined } from '@ant-design/icons';
import { FIELD_LABELS } from '@bianmin/contracts';
import { useFindingsQuery, type Finding } from '../../api/assessment.ts';
import { reportKeys, reportsApi, useReferralsQuery, type Referral } from '../../api/reports.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ListTable, RowAction } from '../../components/ListTable.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { formatDate, parseDate, todayInCenter, toIsoDate, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { itemLabel } from '../assessment/format.ts';
import './reports.css';

const R = t.referrals;
const S = t.assessmentShared;

interface Target {
  findingId: number;
  staffName: string;
  date: string;
}

/**
 * On a serious finding: 移送纪检 when it has no open referral, else where its referral stands. The
 * list of referrals is one query shared by every row.
 */
export function ReferAction({ finding, canManage }: { finding: Finding; canManage: boolean }) {
  const referrals = useReferralsQuery(finding.serious);
  const [open, setOpen] = useState(false);
  if (!finding.serious || finding.revoked) return null;
  const mine = (referrals.data ?? []).filter((r) => r.findingId === finding.id);
  const current = mine.find((r) => r.outcome === null) ?? mine[0];
  if (current) return <ReferralTag referral={current} />;
  if (!canManage || referrals.isPending) return null;
  return (
    <>
      <RowAction
        icon={<SendOutlined aria-hidden />}
        label={R.refer}
        name={`${finding.staffName} ${S.findingNo(finding.id)}`}
        onClick={() => setOpen(true)}
      />
      <ReferModal
        target={
          open ? { findingId: finding.id, staffName: finding.staffName, date: finding.date } : null
        }
        onClose={() => setOpen(false)}
      />
    </>
  );
}

function ReferralTag({ referral }: { referral: Referral }) {
  return referral.outcome === null ? (
    <Tag className="referral-open">{R.openTag}</Tag>
  ) : (
    <Tag className="referral-closed">{R.closedTag}</Tag>
  );
}

/** 纪检移送: every referral with its outcome, and the serious findings not referred yet. */
export function ReferralsSection({ canManage }: { canManage: boolean }) {
  const referrals = useReferralsQuery();
  const findings = useFindingsQuery({ page: 1, pageSize: 200 });
  const [referring, setReferring] = useState<Target | null>(null);
  const [closing, setClosing] = useState<Referral | null>(null);
  const rows = referrals.data ?? [];
  const openIds = new Set(rows.filter((r) => r.outcome === null).map((r) => r.findingId));
  const candidates = (findings.data?.items ?? []).filter(
    (f) => f.serious && !f.revoked && !openIds.has(f.id) && !rows.some((r) => r.findingId === f.id),
  );

  const columns: TableColumnsType<Referral> = [
    { title: R.staff, dataIndex: 'staffName', width: 90 },
    {
      title: R.finding,
      key: 'finding',
      minWidth: 240,
      render: (_, r) => (
        <>
          <div>
            {formatDate(r.findingDate)} {S.levels[r.findingLevel] ?? r.findingLevel}（
            {S.findingNo(r.findingId)}）
          </div>
          <div>{itemLabel(r.item)}</div>
          <div className="report-muted">{r.description}</div>
        </>
      ),
    },
    {
      title: R.referredTo,
      key: 'referred',
      minWidth: 180,
      render: (_, r) => (
        <>
          <div>{R.referredLine(r.referredTo, formatDate(r.referredOn), r.referredByName)}</div>
          {r.note ? <div className="report-muted">{r.note}</div> : null}
        </>
      ),
    },
    {
      title: R.outcome,
      key: 'outcome',
      minWidth: 200,
      render: (_, r) =>
        r.outcome === null ? (
          canManage ? (
            <RowAction
              icon={<FileDoneOutlined aria-hidden />}
              label={R.recordOutcome}
              name={`${r.staffName} ${S.findingNo(r.findingId)}`}
              onClick={() => setClosing(r)}
            />
          ) : (
            <Tag className="referral-open">{R.pending}</Tag>
          )
        ) : (
          <>
            <div>{r.outcome}</div>
            <div className="report-muted">
              {formatDate(r.outcomeOn)} {r.outcomeByName}
            </div>
          </>
        ),
    },
  ];

  return (
    <section className="referrals-section" aria-labelledby="referrals-title">
      <h2 id="referrals-title">{R.title}</h2>
      <Typography.Paragraph type="secondary">{R.description}</Typography.Paragraph>
      {canManage ? (
        <Card size="small" title={R.candidates} className="block-gap">
          {candidates.length === 0 ? (
            <span className="report-muted">{R.noCandidates}</span>
          ) : (
            <ul className="referral-candidates">
              {candidates.map((f) => (
                <li key={f.id}>
                  <strong>{f.staffName}</strong> {formatDate(f.date)}{' '}
                  {S.sources[f.source] ?? f.source} {itemLabel(f.item)}（{S.findingNo(f.id)}）
                  <RowAction
                    icon={<SendOutlined aria-hidden />}
                    label={R.refer}
                    name={`${f.staffName} ${S.findingNo(f.id)}`}
                    onClick={() =>
                      setReferring({ findingId: f.id, staffName: f.staffName, date: f.date })
                    }
                  />
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
      <ListTable<Referral>
        query={referrals}
        rows={rows}
        columns={columns}
        empty={R.empty}
        size="middle"
        scroll={{ x: 900 }}
      />
      <ReferModal target={referring} onClose={() => setReferring(null)} />
      <OutcomeModal referral={closing} onClose={() => setClosing(null)} />
    </section>
  );
}

interface ReferValues {
  referredTo: string;
  referredOn: Dayjs | null;
  note?: string;
}

function ReferModal({ target, onClose }: { target: Target | null; onClose: () => void }) {
  const [form] = Form.useForm<ReferValues>();
  const save = useFeedbackMutation({
    mutationFn: (v: ReferValues) =>
      reportsApi.referrals.create({
        findingId: target!.findingId,
        referredTo: v.referredTo.trim(),
        referredOn: toIsoDate(v.referredOn)!,
        note: (v.note ?? '').trim(),
      }),
    success: R.referred,
    invalidate: [reportKeys.referralsAll],
    errors: { target: { form, fields: ['referredTo', 'referredOn', 'note'] } },
    onSuccess: onClose,
  });
  const findingDate = parseDate(target?.date);
  return (
    <FormModal<ReferValues>
      open={target !== null}
      title={target ? R.referTitle(target.staffName) : ''}
      formName="referForm"
      form={form}
      okText={R.refer}
      mutation={save}
      onClose={onClose}
      initialValues={{ referredTo: R.referredToDefault, referredOn: todayInCenter() }}
    >
      <Form.Item
        label={R.referredTo}
        name="referredTo"
        rules={[required(R.referredTo), maxLength(R.referredTo, 100)]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item label={R.referredOn} name="referredOn" rules={[required(R.referredOn, true)]}>
        <DatePicker
          style={{ width: 200 }}
          disabledDate={(d) =>
            d.isAfter(todayInCenter(), 'day') ||
            (findingDate ? d.isBefore(findingDate, 'day') : false)
          }
        />
      </Form.Item>
      <TextAreaItem label={FIELD_LABELS.note ?? R.note} name="note" max={1000} rows={2} optional />
    </FormModal>
  );
}

interface OutcomeValues {
  outcome: string;
  outcomeOn: Dayjs | null;
}

function OutcomeModal({ referral, onClose }: { referral: Referral | null; onClose: () => void }) {
  const [form] = Form.useForm<OutcomeValues>();
  const save = useFeedbackMutation({
    mutationFn: (v: OutcomeValues) =>
      reportsApi.referrals.outcome(referral!.id, {
        version: referral!.version,
        outcome: v.outcome.trim(),
        outcomeOn: toIsoDate(v.outcomeOn)!,
      }),
    success: R.outcomeRecorded,
    invalidate: [reportKeys.referralsAll],
    errors: {
      target: { form, fields: ['outcome', 'outcomeOn'] },
      refetch: [reportKeys.referralsAll],
    },
    onSuccess: onClose,
  });
  const referredOn = parseDate(referral?.referredOn);
  return (
    <FormModal<OutcomeValues>
      open={referral !== null}
      title={referral ? R.outcomeTitle(referral.staffName) : ''}
      formName="referralOutcomeForm"
      form={form}
      okText={R.recordOutcome}
      mutation={save}
      onClose={onClose}
      initialValues={{ outcomeOn: todayInCenter() }}
    >
      <Typography.Paragraph type="secondary">{R.outcomeHelp}</Typography.Paragraph>
      <TextAreaItem label={R.outcome} name="outcome" max={1000} rows={3} />
      <Form.Item label={R.outcomeOn} name="outcomeOn" rules={[required(R.outcomeOn, true)]}>
        <DatePicker
          style={{ width: 200 }}
          disabledDate={(d) =>
            d.isAfter(todayInCenter(), 'day') ||
            (referredOn ? d.isBefore(referredOn, 'day') : false)
          }
        />
      </Form.Item>
    </FormModal>
  );
}
