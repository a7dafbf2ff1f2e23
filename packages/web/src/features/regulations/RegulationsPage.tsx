import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Row,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  EditOutlined,
  FileAddOutlined,
  PlusOutlined,
  SendOutlined,
  SignatureOutlined,
  SoundOutlined,
} from '@ant-design/icons';
import { FIELD_LABELS } from '@bianmin/contracts';
import {
  assessmentApi,
  assessmentKeys,
  useRegulationsQuery,
  useRegulationVersionQuery,
  type PolicyFields,
  type RegulationSummary,
  type RegulationVersion,
} from '../../api/assessment.ts';
import { useCan } from '../../auth/session.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { CenterPage } from '../../components/ListPage.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import {
  DATE_FORMAT,
  formatDate,
  formatDateTime,
  todayInCenter,
  toIsoDate,
  type Dayjs,
} from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { money, yuanToFen } from '../assessment/format.ts';
import { RegulationModal, type RegulationDraft } from './RegulationModal.tsx';
import './regulations.css';

const L = t.regulations;
const STALE = [assessmentKeys.regulationsAll] as const;

/** The versions a user may open: staff see a version from its consultation on. */
function visibleVersions(r: RegulationSummary, canManage: boolean) {
  return canManage ? r.versions : r.versions.filter((v) => v.status !== 'draft');
}

export default function RegulationsPage() {
  const canManage = useCan('regulations.manage');
  const [params, setParams] = useSearchParams();
  const list = useRegulationsQuery();
  const [draft, setDraft] = useState<RegulationDraft | null>(null);
  const regs = (list.data ?? [])
    .map((r) => ({ ...r, versions: visibleVersions(r, canManage) }))
    .filter((r) => r.versions.length > 0);

  const requested = Number(params.get('v'));
  const first = regs[0];
  const fallback = first
    ? (first.versions.find((v) => v.inForce) ?? first.versions[first.versions.length - 1])
    : undefined;
  const selectedId =
    Number.isSafeInteger(requested) && requested > 0 ? requested : (fallback?.id ?? null);
  const version = useRegulationVersionQuery(selectedId);
  const select = (id: number) => setParams({ v: String(id) });

  return (
    <CenterPage
      title={L.title}
      description={L.description}
      actions={
        canManage ? (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setDraft({ mode: 'create' })}
          >
            {L.create}
          </Button>
        ) : null
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card title={<h2 className="card-title">{L.listTitle}</h2>}>
            {list.isError ? (
              <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} />
            ) : list.isPending ? (
              <Skeleton active />
            ) : regs.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.listEmpty} />
            ) : (
              <Directory regs={regs} selectedId={selectedId} onSelect={select} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {selectedId === null ? (
            <Card>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L.pick} />
            </Card>
          ) : version.isError ? (
            <QueryErrorAlert error={version.error} onRetry={() => void version.refetch()} />
          ) : !version.data ? (
            <Card>
              <Skeleton active />
            </Card>
          ) : (
            <VersionView v={version.data} onDraft={setDraft} />
          )}
        </Col>
      </Row>
      <RegulationModal draft={draft} onClose={() => setDraft(null)} onSaved={(v) => select(v.id)} />
    </CenterPage>
  );
}

function StatusTag({ status }: { status: string }) {
  return <Tag className={`regulation-status-${status}`}>{L.statuses[status] ?? status}</Tag>;
}

function Directory({
  regs,
  selectedId,
  onSelect,
}: {
  regs: RegulationSummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  return (
    <ul className="regulation-list">
      {regs.map((r) => (
        <li key={r.id}>
          <h3 className="regulation-name">{r.name}</h3>
          <ul className="regulation-versions">
            {[...r.versions].reverse().map((v) => (
              <li key={v.id}>
                <button
                  type="button"
                  className="regulation-version-link"
                  aria-current={v.id === selectedId ? 'true' : undefined}
                  aria-label={L.versionLink(r.name, v.seq, L.statuses[v.status] ?? v.status)}
                  onClick={() => onSelect(v.id)}
                >
                  <span>{L.versionLabel(v.seq)}</span>
                  <StatusTag status={v.status} />
                  {v.inForce ? <Tag className="regulation-in-force">{L.inForce}</Tag> : null}
                  <span className="regulation-muted">
                    {L.effectiveFrom} {v.effectiveFrom}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** Whether a version is in force, not yet, or replaced by a later one. */
function forceTag(v: RegulationVersion, today: string) {
  if (v.inForce) return <Tag className="regulation-in-force">{L.inForce}</Tag>;
  if (v.status !== 'published') return null;
  return <Tag>{v.effectiveFrom > today ? L.notYet : L.superseded}</Tag>;
}

function VersionView({
  v,
  onDraft,
}: {
  v: RegulationVersion;
  onDraft: (d: RegulationDraft) => void;
}) {
  const canManage = useCan('regulations.manage');
  const canSign = useCan('regulations.sign');
  const { modal } = App.useApp();
  const today = todayInCenter().format(DATE_FORMAT);
  const [consulting, setConsulting] = useState(false);
  const consultationOpen = v.status === 'consultation' && (v.consultationUntil ?? '') >= today;

  const sign = useFeedbackMutation({
    mutationFn: () => assessmentApi.regulations.sign(v.id, v.version),
    success: L.signed,
    invalidate: STALE,
    errors: { refetch: STALE },
  });
  const publish = useFeedbackMutation({
    mutationFn: () => assessmentApi.regulations.publish(v.id, v.version),
    success: L.published,
    invalidate: STALE,
    errors: { refetch: STALE },
  });
  const acknowledge = useFeedbackMutation({
    mutationFn: () => assessmentApi.regulations.acknowledge(v.id),
    success: L.acknowledgedOk,
    invalidate: STALE,
  });

  const actions = [];
  if (canManage && (v.status === 'draft' || v.status === 'consultation')) {
    actions.push(
      <Button
        key="edit"
        icon={<EditOutlined aria-hidden />}
        onClick={() => onDraft({ mode: 'edit', from: v })}
      >
        {L.editDraft}
      </Button>,
      <Button
        key="consult"
        icon={<SoundOutlined aria-hidden />}
        onClick={() => setConsulting(true)}
      >
        {L.consult}
      </Button>,
    );
  }
  if (canSign && v.status === 'consultation') {
    actions.push(
      <Button
        key="sign"
        type="primary"
        icon={<SignatureOutlined aria-hidden />}
        disabled={consultationOpen}
        loading={sign.isPending}
        onClick={() =>
          void modal.confirm({
            title: L.signTitle(v.name),
            content: L.signBody,
            okText: L.sign,
            cancelText: t.common.cancel,
            onOk: () => sign.mutateAsync().catch(() => undefined),
          })
        }
      >
        {L.sign}
      </Button>,
    );
  }
  if (canManage && v.status === 'signed') {
    actions.push(
      <Button
        key="publish"
        type="primary"
        icon={<SendOutlined aria-hidden />}
        loading={publish.isPending}
        onClick={() =>
          void modal.confirm({
            title: L.publishTitle(v.name),
            content: L.publishBody(v.effectiveFrom),
            okText: L.publish,
            cancelText: t.common.cancel,
            onOk: () => publish.mutateAsync().catch(() => undefined),
          })
        }
      >
        {L.publish}
      </Button>,
    );
  }
  if (canManage) {
    actions.push(
      <Button
        key="revise"
        icon={<FileAddOutlined aria-hidden />}
        onClick={() => onDraft({ mode: 'revise', from: v })}
      >
        {L.newVersion}
      </Button>,
    );
  }
  if (v.status === 'published') {
    actions.push(
      v.acknowledgedByMe ? (
        <Tag key="ack" className="regulation-in-force">
          <CheckOutlined aria-hidden /> {L.acknowledged}
        </Tag>
      ) : (
        <Button
          key="ack"
          type={canManage ? 'default' : 'primary'}
          icon={<CheckOutlined aria-hidden />}
          loading={acknowledge.isPending}
          onClick={() => acknowledge.mutate(undefined)}
        >
          {L.acknowledge}
        </Button>
      ),
    );
  }

  const hint =
    v.status === 'draft'
      ? L.draftHint
      : v.status === 'signed'
        ? L.signedHint
        : canSign && consultationOpen && v.consultationUntil
          ? L.signWait(v.consultationUntil)
          : null;

  return (
    <Card>
      <article aria-labelledby="regulation-title">
        <h2 id="regulation-title" className="regulation-title">
          {v.name}
        </h2>
        <div className="regulation-tags">
          <span>{L.versionLabel(v.seq)}</span>
          <StatusTag status={v.status} />
          {forceTag(v, today)}
          {v.policy ? <Tag>{L.hasPolicy}</Tag> : null}
        </div>
        {hint ? <Alert type="info" showIcon className="block-gap" title={hint} /> : null}
        {actions.length > 0 ? <div className="regulation-actions block-gap">{actions}</div> : null}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'code', label: L.code, children: v.code },
            { key: 'from', label: L.effectiveFrom, children: formatDate(v.effectiveFrom) },
            ...(v.consultationUntil
              ? [{ key: 'until', label: L.consultationUntil, children: v.consultationUntil }]
              : []),
            {
              key: 'signed',
              label: L.signature,
              children: v.signedByName
                ? L.signedLine(v.signedByName, formatDateTime(v.signedAt))
                : L.notSigned,
            },
            ...(v.publishedAt
              ? [{ key: 'pub', label: L.publishedAt, children: formatDateTime(v.publishedAt) }]
              : []),
            ...(v.status === 'published'
              ? [
                  {
                    key: 'acks',
                    label: L.acknowledgements,
                    children: L.acknowledgementsValue(v.acknowledgements),
                  },
                ]
              : []),
          ]}
        />
        <h3 className="regulation-section-title">{L.sections.introduction}</h3>
        <p className="regulation-text">{v.introduction}</p>
        <h3 className="regulation-section-title">{L.sections.content}</h3>
        <p className="regulation-text">{v.content}</p>
        <h3 className="regulation-section-title">{L.sections.supplementary}</h3>
        <p className="regulation-text">{v.supplementary}</p>
        {v.policy ? <PolicyTable policy={v.policy} /> : null}
        {v.status === 'consultation' || v.comments.length > 0 ? (
          <Comments v={v} open={consultationOpen} />
        ) : null}
      </article>
      <ConsultModal v={v} open={consulting} onClose={() => setConsulting(false)} />
    </Card>
  );
}

/** The standard the system enforces, with each deduction in yuan. */
function PolicyTable({ policy }: { policy: PolicyFields }) {
  const monthly = yuanToFen(policy.monthlyAmount);
  const months = (n: number) => L.monthsValue(n, monthly === null ? null : money(monthly * n));
  const rows = [
    {
      key: 'monthlyAmount',
      value: monthly === null ? policy.monthlyAmount : `${money(monthly)}${L.perPersonMonth}`,
    },
    { key: 'countyMonths', value: months(policy.countyMonths) },
    { key: 'cityMonths', value: months(policy.cityMonths) },
    { key: 'provinceMonths', value: months(policy.provinceMonths) },
    { key: 'provinceCapsRating', value: policy.provinceCapsRating ? L.yesCap : L.noCap },
    { key: 'appealTermWorkingDays', value: L.workingDays(policy.appealTermWorkingDays) },
    { key: 'reportDecisionWorkingDays', value: L.workingDays(policy.reportDecisionWorkingDays) },
    { key: 'appealDecisionWorkingDays', value: L.workingDays(policy.appealDecisionWorkingDays) },
    { key: 'ratingContactWorkingDays', value: L.workingDays(policy.ratingContactWorkingDays) },
    { key: 'ratingFixWorkingDays', value: L.workingDays(policy.ratingFixWorkingDays) },
  ];
  return (
    <section aria-labelledby="regulation-policy">
      <h3 id="regulation-policy" className="regulation-section-title">
        {L.policyTitle}
      </h3>
      <Table
        className="policy-table"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: L.policyItem,
            dataIndex: 'key',
            width: 220,
            render: (k: string) => FIELD_LABELS[k] ?? k,
          },
          { title: L.policyValue, dataIndex: 'value' },
        ]}
      />
    </section>
  );
}

interface CommentValues {
  comment: string;
}

function Comments({ v, open }: { v: RegulationVersion; open: boolean }) {
  const [form] = Form.useForm<CommentValues>();
  const send = useFeedbackMutation({
    mutationFn: (c: CommentValues) => assessmentApi.regulations.comment(v.id, c.comment.trim()),
    success: L.commentSent,
    invalidate: STALE,
    errors: { target: { form, fields: ['comment'] } },
    onSuccess: () => form.resetFields(),
  });
  return (
    <section aria-labelledby="regulation-comments">
      <h3 id="regulation-comments" className="regulation-section-title">
        {L.commentsTitle}
      </h3>
      {v.comments.length === 0 ? (
        <p className="regulation-muted">{L.noComments}</p>
      ) : (
        <ul className="regulation-comments">
          {v.comments.map((c, i) => (
            <li key={`${c.at}-${i}`}>
              <span className="regulation-muted">
                {L.commentLine(c.authorName, formatDateTime(c.at))}
              </span>
              <p className="regulation-comment-text">{c.comment}</p>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <Form<CommentValues>
          form={form}
          name="regulationCommentForm"
          layout="vertical"
          onFinish={(c) => send.mutate(c)}
        >
          <TextAreaItem label={L.commentBox} name="comment" max={2000} rows={3} showCount />
          <Button type="primary" htmlType="submit" loading={send.isPending}>
            {L.commentSubmit}
          </Button>
        </Form>
      ) : v.status === 'consultation' ? (
        <Typography.Paragraph className="regulation-muted">{L.commentClosed}</Typography.Paragraph>
      ) : null}
    </section>
  );
}

interface ConsultValues {
  until: Dayjs | null;
}

function ConsultModal({
  v,
  open,
  onClose,
}: {
  v: RegulationVersion;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<ConsultValues>();
  const consult = useFeedbackMutation({
    mutationFn: (c: ConsultValues) =>
      assessmentApi.regulations.consult(v.id, {
        version: v.version,
        until: toIsoDate(c.until) ?? '',
      }),
    success: (r) => L.consulted(r.consultationUntil ?? ''),
    invalidate: STALE,
    errors: { target: { form, fields: ['until'] }, refetch: STALE },
    onSuccess: onClose,
  });
  return (
    <FormModal<ConsultValues>
      open={open}
      title={L.consultTitle(v.name)}
      formName="consultForm"
      form={form}
      okText={L.consult}
      mutation={consult}
      onClose={onClose}
      initialValues={{ until: todayInCenter().add(7, 'day') }}
    >
      <Typography.Paragraph>{L.consultHint}</Typography.Paragraph>
      <Form.Item label={L.consultUntil} name="until" rules={[required(L.consultUntil, true)]}>
        <DatePicker
          style={{ width: 200 }}
          disabledDate={(d) => d.isBefore(todayInCenter(), 'day')}
        />
      </Form.Item>
    </FormModal>
  );
}
