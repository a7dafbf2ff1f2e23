import { useRef, useState, type ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import {
  ACCEPTED_KIND_LABELS,
  AUTHORITY_RESULT_LABELS,
  PAUSE_REASON_LABELS,
} from '@bianmin/contracts';
import {
  AUTHORITY_RESULTS,
  isOpen,
  PAUSE_REASONS,
  toFen,
  type AcceptedKind,
  type AuthorityResult,
  type CaseCommand,
  type PauseReason,
} from '@bianmin/domain';
import {
  caseKeys,
  casesApi,
  type CaseCommandBodies,
  type CaseCommandName,
  type CaseDetail,
} from '../../api/cases.ts';
import { isApiError, type CenterQuery } from '../../api/client.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { DaysInput, TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { optionsOf } from '../../lib/options.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { todayInCenter, toIsoDate, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import {
  HANDOVER_FIELDS,
  handOverBody,
  HandOverFields,
  type HandOverValues,
} from './HandOverFields.tsx';
import { holderText, termUnit } from './CaseTags.tsx';
import { DeadlinePreview } from './DeadlinePreview.tsx';
import { MaterialsField } from './MaterialsField.tsx';
import { materialsBody } from './materials.ts';
import { newNotice } from './NoticeToPrint.tsx';
import { useCaseMutation, type CaseFormTarget, type FieldPath } from './serverErrors.ts';

const L = t.caseDetail;
const F = L.form;

/** The actions of the detail page, by the domain command they run. */
export type CaseAction = Exclude<CaseCommand, 'requestSupplement'> | 'supplement';

type Values = HandOverValues & {
  answer?: string;
  materials?: string[];
  remarks?: Record<string, string>;
  reasons?: string;
  kind?: AcceptedKind;
  termDays?: number | null;
  urgent?: boolean;
  reason?: string;
  pauseReason?: PauseReason;
  note?: string;
  days?: number;
  authority?: string;
  dueDate?: Dayjs;
  authorityResult?: AuthorityResult;
  authorityNote?: string;
  result?: string;
  fees?: { charge?: boolean; amount?: string }[];
};

/** What an action's body and fields are made from. */
interface ActionContext {
  version: number;
  detail: CaseDetail;
  approverName: string;
  /** The fees sent, by their row in the form, to put a refusal of fees[i] on its row. */
  sentFees: { current: number[] };
}

/** One action: the endpoint it posts to, the body it sends and the fields of its form. */
interface ActionSpec<C extends CaseCommandName> {
  endpoint: C;
  body: (v: Values, ctx: ActionContext) => CaseCommandBodies[C];
  fields: (ctx: ActionContext) => ReactNode;
}

const spec = <C extends CaseCommandName>(s: ActionSpec<C>) => s;

const text = (s: string | undefined) => (s ?? '').trim();

/** Every action, in the order of its button. */
const ACTIONS = {
  accept: spec({
    endpoint: 'accept',
    body: (v, { version, detail }) => ({
      version,
      kind: v.kind ?? detail.limits.acceptTerms[0]?.kind ?? 'promised',
      termDays: v.kind === 'immediate' ? null : (v.termDays ?? null),
      urgent: v.kind === 'immediate' ? false : !!v.urgent,
    }),
    fields: ({ detail }) => <AcceptFields caseId={detail.id} terms={detail.limits.acceptTerms} />,
  }),
  supplement: spec({
    endpoint: 'supplement',
    body: (v, { version }) => ({ version, ...materialsBody(v) }),
    fields: ({ detail }) => <MaterialsField label={F.materials} checklist={detail.itemMaterials} />,
  }),
  answer: spec({
    endpoint: 'answer',
    body: (v, { version }) => ({ version, answer: text(v.answer) }),
    fields: () => <TextAreaItem label={F.answer} name="answer" max={2000} rows={5} />,
  }),
  handOver: spec({
    endpoint: 'hand-over',
    body: (v, { version }) => handOverBody(v, version),
    fields: ({ detail }) => <HandOverFields target={{ caseId: detail.id }} />,
  }),
  submit: spec({
    endpoint: 'submit',
    body: (v, { version }) => ({
      version,
      authority: text(v.authority),
      dueDate: toIsoDate(v.dueDate) ?? '',
    }),
    fields: () => (
      <>
        <Form.Item
          label={F.authority}
          name="authority"
          rules={[required(F.authority), maxLength(F.authority, 100)]}
        >
          <Input placeholder={F.authorityPlaceholder} maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item label={F.dueDate} name="dueDate" rules={[required(F.dueDate, true)]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(todayInCenter(), 'day')}
          />
        </Form.Item>
      </>
    ),
  }),
  recordOutcome: spec({
    endpoint: 'record-outcome',
    body: (v, { version }) => ({
      version,
      authorityResult: v.authorityResult ?? 'approved',
      authorityNote: text(v.authorityNote),
    }),
    fields: () => (
      <>
        <Form.Item
          label={F.authorityResult}
          name="authorityResult"
          rules={[required(F.authorityResult, true)]}
        >
          <Radio.Group
            aria-label={F.authorityResult}
            options={optionsOf(AUTHORITY_RESULTS, AUTHORITY_RESULT_LABELS)}
          />
        </Form.Item>
        <TextAreaItem
          label={F.authorityNote}
          name="authorityNote"
          max={1000}
          rows={3}
          placeholder={F.authorityNotePlaceholder}
        />
      </>
    ),
  }),
  complete: spec({
    endpoint: 'complete',
    body: (v, { version, detail, sentFees }) => {
      const rows = v.fees ?? [];
      sentFees.current = [];
      const fees = detail.itemFees.flatMap((f, i) => {
        const row = rows[i];
        if (!row?.charge) return [];
        sentFees.current.push(i);
        return [{ name: f.name, amount: text(row.amount) }];
      });
      return { version, result: text(v.result), fees };
    },
    fields: ({ detail }) => (
      <>
        <TextAreaItem
          label={F.result}
          name="result"
          max={2000}
          rows={3}
          placeholder={F.resultPlaceholder}
        />
        <FeeFields detail={detail} />
      </>
    ),
  }),
  pause: spec({
    endpoint: 'pause',
    body: (v, { version }) => ({
      version,
      reason: v.pauseReason ?? 'awaiting_applicant',
      note: text(v.note),
    }),
    fields: () => (
      <>
        <Form.Item label={F.pauseReason} name="pauseReason" rules={[required(F.pauseReason, true)]}>
          <Select<PauseReason> options={optionsOf(PAUSE_REASONS, PAUSE_REASON_LABELS)} />
        </Form.Item>
        <TextAreaItem label={F.pauseNote} name="note" max={500} rows={2} optional />
      </>
    ),
  }),
  resume: spec({
    endpoint: 'resume',
    body: (_, { version }) => ({ version }),
    fields: () => <Typography.Paragraph>{F.resumeHint}</Typography.Paragraph>,
  }),
  expedite: spec({
    endpoint: 'expedite',
    body: (v, { version }) => ({ version, termDays: v.termDays ?? 0, reason: text(v.reason) }),
    fields: ({ detail }) => (
      <>
        <Form.Item
          label={F.expediteDays}
          name="termDays"
          extra={F.expediteHelp(detail.termDays)}
          rules={[required(F.expediteDays, true)]}
        >
          <DaysInput />
        </Form.Item>
        <TextAreaItem label={F.expediteReason} name="reason" max={500} rows={2} />
      </>
    ),
  }),
  extend: spec({
    endpoint: 'extend',
    body: (v, { version }) => ({ version, days: v.days ?? 0, reason: text(v.reason) }),
    fields: ({ detail, approverName }) => (
      <>
        <Form.Item
          label={F.extendDays}
          name="days"
          extra={
            detail.limits.extensionMaxDays === null
              ? undefined
              : F.extendHelp(detail.limits.extensionMaxDays, termUnit(detail.acceptedKind))
          }
          rules={[required(F.extendDays, true)]}
        >
          <DaysInput max={detail.limits.extensionMaxDays ?? undefined} />
        </Form.Item>
        <TextAreaItem label={F.extendReason} name="reason" max={1000} rows={3} />
        <Typography.Paragraph type="secondary">
          {F.extendApprover(approverName)}
        </Typography.Paragraph>
      </>
    ),
  }),
  return: spec({
    endpoint: 'return',
    body: (v, { version }) => ({ version, reasons: text(v.reasons) }),
    fields: () => (
      <TextAreaItem
        label={F.reasons}
        name="reasons"
        max={2000}
        rows={4}
        placeholder={t.workbench.reasonsPlaceholder}
      />
    ),
  }),
} satisfies Record<CaseAction, unknown>;

const ORDER = Object.keys(ACTIONS) as CaseAction[];

/** Posts an action's command; generic, so that its body is checked against its endpoint's. */
function send<C extends CaseCommandName>(
  scope: CenterQuery,
  s: ActionSpec<C>,
  v: Values,
  ctx: ActionContext,
) {
  return casesApi.command(scope, ctx.detail.id, s.endpoint, s.body(v, ctx));
}

/**
 * The buttons to show: what the server says the signed-in person may do with the case now (the
 * rules of the state machine and the term, the permission, and whether he or she holds the case),
 * in the order of the buttons.
 */
export function availableActions(c: Pick<CaseDetail, 'allowedActions'>): CaseAction[] {
  const allowed = new Set<CaseCommand>(c.allowedActions);
  return ORDER.filter((a) => allowed.has(a === 'supplement' ? 'requestSupplement' : a));
}

/** The action buttons of a case, each opening its form; `onDone` hears of each action done. */
export function CaseActionBar({
  detail,
  onDone,
}: {
  detail: CaseDetail;
  onDone?: (action: CaseAction, before: CaseDetail, after: CaseDetail) => void;
}) {
  const work = useCan('cases.work');
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [shown, setShown] = useState<CaseAction | null>(null);
  const actions = availableActions(detail);
  if (actions.length === 0 && shown === null)
    // Someone else holds the open case: say who, and why there is nothing to press.
    return work && !detail.holdsCase && isOpen(detail.status) ? (
      <Typography.Text type="secondary" className="case-not-holder">
        {L.notHolder(holderText(detail))}
      </Typography.Text>
    ) : null;
  return (
    <div className="case-detail-actions" role="group" aria-label={L.actionsLabel}>
      {actions.map((a) => (
        <Button
          key={a}
          type={a === 'complete' || a === 'accept' ? 'primary' : 'default'}
          danger={a === 'return'}
          onClick={() => {
            setShown(a);
            setOpen(a);
          }}
        >
          {L.actions[a]}
        </Button>
      ))}
      {shown ? (
        <ActionModal
          key={shown}
          action={shown}
          detail={detail}
          open={open === shown}
          onClose={() => setOpen(null)}
          onDone={onDone}
        />
      ) : null}
    </div>
  );
}

function ActionModal({
  action,
  detail,
  open,
  onClose,
  onDone,
}: {
  action: CaseAction;
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
  onDone?: (action: CaseAction, before: CaseDetail, after: CaseDetail) => void;
}) {
  const scope = useCenterScope();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const sentFees = useRef<number[]>([]);
  const ctx: ActionContext = {
    version: detail.version,
    detail,
    approverName: me.displayName,
    sentFees,
  };

  const target: CaseFormTarget = {
    form,
    fields: (path: FieldPath) => {
      const [head, index] = path;
      if (action === 'handOver' && typeof head === 'string' && HANDOVER_FIELDS[head])
        return HANDOVER_FIELDS[head];
      if (action === 'pause' && head === 'reason') return ['pauseReason'];
      if (head === 'remarks') return ['materials'];
      if (head === 'fees' && typeof index === 'number') {
        const row = sentFees.current[index];
        return row === undefined ? ['result'] : ['fees', row, 'amount'];
      }
      return typeof head === 'string' && head !== 'version' ? [head] : null;
    },
    codes: {
      HANDOVER_TO_HOLDER: ['toStaffId'],
      HANDOVER_TARGET_REQUIRED: ['toStaffId'],
      NO_MATERIALS: ['materials'],
      MATERIAL_NOT_IN_CHECKLIST: ['materials'],
      EXTENSION_TOO_LONG: ['days'],
      EXPEDITE_TOO_LATE: ['termDays'],
      BAD_DUE_DATE: ['dueDate'],
      TERM_REQUIRED: ['termDays'],
      PROMISE_EXCEEDS_LEGAL: ['termDays'],
      TERM_ABOVE_CATALOG: ['termDays'],
      URGENT_TERM_TOO_LONG: ['termDays'],
      TERM_NOT_IN_CATALOG: ['termDays'],
      KIND_NOT_IN_CATALOG: ['kind'],
      NOT_SHORTER: [action === 'accept' ? 'urgent' : 'termDays'],
      BAD_TERM: [action === 'extend' ? 'days' : 'termDays'],
    },
  };

  const mutation = useCaseMutation({
    mutationFn: (v: Values) => send(scope.query, ACTIONS[action], v, ctx),
    // A new notice is said on the page with its print button beside the words (NoticeToPrint).
    success: (updated) => (onDone && newNotice(detail, updated) ? '' : L.done[action]),
    target,
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKeys.detail(scope.centerId, detail.id), updated);
      onClose();
      onDone?.(action, detail, updated);
    },
    // The status moved on, or the case went to someone else: this form no longer applies.
    onError: (e) => {
      if (isApiError(e) && (e.code === 'CASE_STATE' || e.code === 'NOT_HOLDER')) onClose();
    },
  });

  const initialValues: Partial<Values> = {
    method: 'escorted',
    toBusinessSection: false,
    // The catalog's own kind first (a promised item may also be finished on the spot).
    kind: detail.limits.acceptTerms.find((x) => x.kind !== 'immediate')?.kind ?? 'immediate',
    termDays: null,
    urgent: false,
    authorityResult: 'approved',
    pauseReason: 'awaiting_applicant',
    materials: [],
    fees: detail.itemFees.map((f) => ({ charge: false, amount: f.amount })),
  };

  return (
    <FormModal<Values>
      open={open}
      title={L.actions[action]}
      formName={`case-${action}`}
      form={form}
      initialValues={initialValues}
      mutation={mutation}
      onClose={onClose}
      okText={L.actions[action]}
      width={action === 'complete' ? 680 : 560}
    >
      {ACTIONS[action].fields(ctx)}
    </FormModal>
  );
}

/**
 * Accepting: the kinds the catalog allows for the item, the term (none for an immediate case) up to
 * what the server says the catalog allows — shorter when urgent — and whether it is urgent.
 */
function AcceptFields({
  caseId,
  terms,
}: {
  caseId: number;
  terms: CaseDetail['limits']['acceptTerms'];
}) {
  const kind = Form.useWatch<AcceptedKind | undefined>('kind');
  const urgent = Form.useWatch<boolean | undefined>('urgent');
  const termDays = Form.useWatch<number | null | undefined>('termDays');
  const term = terms.find((x) => x.kind === kind);
  const max = urgent ? term?.urgent : term?.standard;
  const unit = termUnit(kind ?? null);
  return (
    <>
      <Form.Item label={F.kind} name="kind" rules={[required(F.kind, true)]}>
        <Radio.Group
          aria-label={F.kind}
          optionType="button"
          options={optionsOf(
            terms.map((x) => x.kind),
            ACCEPTED_KIND_LABELS,
          )}
        />
      </Form.Item>
      {kind !== 'immediate' ? (
        term?.standard === null ? (
          <Typography.Paragraph type="warning">{F.noTermInCatalog}</Typography.Paragraph>
        ) : (
          <Form.Item
            label={F.termDays}
            name="termDays"
            extra={max ? F.termHelpOf(max, unit, !!urgent) : F.termHelp}
          >
            <DaysInput max={max ?? undefined} placeholder={max ? String(max) : undefined} />
          </Form.Item>
        )
      ) : null}
      {kind !== 'immediate' ? (
        <Form.Item
          name="urgent"
          valuePropName="checked"
          extra={
            term && term.standard !== null && term.urgent === null
              ? t.workbench.urgentNotPossible
              : undefined
          }
        >
          <Checkbox disabled={!!term && term.urgent === null}>{F.urgent}</Checkbox>
        </Form.Item>
      ) : null}
      {kind === 'immediate' || (term !== undefined && term.standard !== null) ? (
        <DeadlinePreview
          caseId={caseId}
          kind={kind}
          termDays={kind === 'immediate' ? null : termDays}
          urgent={kind !== 'immediate' && !!urgent}
        />
      ) : null}
    </>
  );
}

/** The catalog's fees, each ticked to charge it, its amount at most the listed one. */
function FeeFields({ detail }: { detail: CaseDetail }) {
  const rows = Form.useWatch<{ charge?: boolean }[] | undefined>('fees');
  if (detail.itemFees.length === 0)
    return <Typography.Paragraph type="secondary">{F.noFees}</Typography.Paragraph>;
  return (
    <fieldset className="fees-fieldset">
      <legend className="ant-form-item-label">{F.fees}</legend>
      {detail.itemFees.map((fee, i) => (
        <div className="fee-row" key={fee.name}>
          <Form.Item name={['fees', i, 'charge']} valuePropName="checked">
            <Checkbox>{F.feeCharge(fee.name)}</Checkbox>
          </Form.Item>
          <Form.Item
            name={['fees', i, 'amount']}
            extra={F.feeStandard(fee.amount, fee.basis)}
            rules={[
              {
                validator: (_, value: string | undefined) => {
                  if (!rows?.[i]?.charge) return Promise.resolve();
                  const fen = toFen((value ?? '').trim());
                  if (fen === undefined) return Promise.reject(new Error(F.feePattern));
                  const max = toFen(fee.amount);
                  return max !== undefined && fen > max
                    ? Promise.reject(new Error(F.feeAbove(fee.amount)))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <Input
              aria-label={F.feeAmount(fee.name)}
              disabled={!rows?.[i]?.charge}
              suffix={F.yuan}
              style={{ width: 160 }}
              inputMode="decimal"
            />
          </Form.Item>
        </div>
      ))}
    </fieldset>
  );
}
