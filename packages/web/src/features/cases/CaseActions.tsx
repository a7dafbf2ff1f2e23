import { useRef, useState, type ReactNode } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ACCEPTED_KIND_LABELS, PAUSE_REASON_LABELS } from '@bianmin/contracts';
import {
  ACCEPTED_KINDS,
  ALLOWED_FROM,
  PAUSE_REASONS,
  toFen,
  type AcceptedKind,
  type CaseCommand,
  type PauseReason,
} from '@bianmin/domain';
import {
  caseKeys,
  casesApi,
  useServiceItemsQuery,
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
import { termUnit } from './CaseTags.tsx';
import { MaterialsField } from './MaterialsField.tsx';
import { useCaseMutation, type CaseFormTarget, type FieldPath } from './serverErrors.ts';

const L = t.caseDetail;
const F = L.form;

/** The actions of the detail page, by the domain command they run. */
export type CaseAction = Exclude<CaseCommand, 'requestSupplement'> | 'supplement';

type Values = HandOverValues & {
  answer?: string;
  materials?: string[];
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
    body: (v, { version }) => ({
      version,
      kind: v.kind ?? 'promised',
      termDays: v.kind === 'immediate' ? null : (v.termDays ?? null),
      urgent: !!v.urgent,
    }),
    fields: () => <AcceptFields />,
  }),
  supplement: spec({
    endpoint: 'supplement',
    body: (v, { version }) => ({ version, materials: v.materials ?? [] }),
    fields: ({ detail }) => (
      <MaterialsField
        label={F.materials}
        checklist={detail.itemMaterials}
        extra={t.workbench.materialsHelp}
      />
    ),
  }),
  answer: spec({
    endpoint: 'answer',
    body: (v, { version }) => ({ version, answer: text(v.answer) }),
    fields: () => <TextAreaItem label={F.answer} name="answer" max={2000} rows={5} />,
  }),
  handOver: spec({
    endpoint: 'hand-over',
    body: (v, { version }) => handOverBody(v, version),
    fields: ({ detail }) => <HandOverFields exclude={detail.holderStaffId} />,
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
          extra={F.extendHelp(termUnit(detail.acceptedKind))}
          rules={[required(F.extendDays, true)]}
        >
          <DaysInput />
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
 * The actions the case's status allows (the domain's transition table), narrowed by what the kind
 * allows and who is signed in: extending needs the approver's permission.
 */
export function availableActions(
  c: Pick<CaseDetail, 'status' | 'acceptedKind' | 'extension' | 'submission'>,
  perms: { work: boolean; approve: boolean },
): CaseAction[] {
  return ORDER.filter((a) => {
    const command: CaseCommand = a === 'supplement' ? 'requestSupplement' : a;
    if (!ALLOWED_FROM[command].includes(c.status)) return false;
    const immediate = c.acceptedKind === 'immediate';
    if (a === 'extend') return perms.approve && !immediate && c.extension === null;
    if (a === 'expedite' || a === 'pause') return perms.work && !immediate;
    if (a === 'submit') return perms.work && c.acceptedKind === 'reported' && c.submission === null;
    return perms.work;
  });
}

/** The action buttons of a case, each opening its form. */
export function CaseActionBar({ detail }: { detail: CaseDetail }) {
  const work = useCan('cases.work');
  const approve = useCan('cases.approve');
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [shown, setShown] = useState<CaseAction | null>(null);
  const actions = availableActions(detail, { work, approve });
  // The catalog's term and kind for the accept form, loaded before it opens.
  useServiceItemsQuery(actions.includes('accept'));
  if (actions.length === 0 && shown === null) return null;
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
}: {
  action: CaseAction;
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const me = useMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const items = useServiceItemsQuery(action === 'accept');
  const item = items.data?.find((i) => i.id === detail.itemId);
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
      NOT_SHORTER: ['termDays'],
      EXPEDITE_TOO_LATE: ['termDays'],
      BAD_DUE_DATE: ['dueDate'],
      TERM_REQUIRED: ['termDays'],
      PROMISE_EXCEEDS_LEGAL: ['termDays'],
      BAD_TERM: [action === 'extend' ? 'days' : 'termDays'],
    },
  };

  const mutation = useCaseMutation({
    mutationFn: (v: Values) => send(scope.query, ACTIONS[action], v, ctx),
    success: () => L.done[action],
    target,
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKeys.detail(scope.centerId, detail.id), updated);
      onClose();
    },
    // The status moved on: this form no longer applies.
    onError: (e) => {
      if (isApiError(e) && e.code === 'CASE_STATE') onClose();
    },
  });

  const initialValues: Partial<Values> = {
    method: 'escorted',
    toBusinessSection: false,
    kind: item?.defaultKind ?? 'promised',
    termDays: action === 'accept' ? (item?.promisedDays ?? null) : null,
    urgent: false,
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

/** Accepting: the kind, its term (none for an immediate case) and whether it is urgent. */
function AcceptFields() {
  const kind = Form.useWatch<AcceptedKind | undefined>('kind');
  return (
    <>
      <Form.Item label={F.kind} name="kind" rules={[required(F.kind, true)]}>
        <Radio.Group
          aria-label={F.kind}
          optionType="button"
          options={optionsOf(ACCEPTED_KINDS, ACCEPTED_KIND_LABELS)}
        />
      </Form.Item>
      {kind !== 'immediate' ? (
        <Form.Item label={F.termDays} name="termDays" extra={F.termHelp}>
          <DaysInput />
        </Form.Item>
      ) : null}
      <Form.Item name="urgent" valuePropName="checked">
        <Checkbox>{F.urgent}</Checkbox>
      </Form.Item>
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
