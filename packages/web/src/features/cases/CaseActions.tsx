import { useRef, useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
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
import { isApiError } from '../../api/client.ts';
import {
  caseKeys,
  casesApi,
  useServiceItemsQuery,
  type CaseCommandBodies,
  type CaseCommandName,
  type CaseDetail,
} from '../../api/cases.ts';
import { useCan, useMe } from '../../auth/session.ts';
import { useCenterScope } from '../../center/scope.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { maxLength, required } from '../../lib/rules.ts';
import { todayInCenter, toIsoDate, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { HANDOVER_FIELDS, HandOverFields, type HandOverValues } from './HandOverFields.tsx';
import { useCaseErrorHandler, type CaseFormTarget, type FieldPath } from './serverErrors.ts';

const L = t.caseDetail;
const F = L.form;

/** The actions of the detail page, by the domain command they run. */
export type CaseAction = Exclude<CaseCommand, 'requestSupplement'> | 'supplement';

const ENDPOINT: Record<CaseAction, CaseCommandName> = {
  handOver: 'hand-over',
  answer: 'answer',
  supplement: 'supplement',
  return: 'return',
  accept: 'accept',
  pause: 'pause',
  resume: 'resume',
  extend: 'extend',
  expedite: 'expedite',
  submit: 'submit',
  complete: 'complete',
};

const ORDER: readonly CaseAction[] = [
  'accept',
  'supplement',
  'answer',
  'handOver',
  'submit',
  'complete',
  'pause',
  'resume',
  'expedite',
  'extend',
  'return',
];

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

/** The working-day or calendar-day unit of the case's term. */
const unitOf = (kind: AcceptedKind | null) =>
  kind === 'petition' ? L.calendarDayUnit : L.workingDayUnit;

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
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const handleError = useCaseErrorHandler();
  const [form] = Form.useForm<Values>();
  const items = useServiceItemsQuery(action === 'accept');
  const item = items.data?.find((i) => i.id === detail.itemId);
  // The fees sent, by their row in the form, to put a refusal of fees[i] on its row.
  const sentFees = useRef<number[]>([]);

  const body = (v: Values): CaseCommandBodies[CaseCommandName] => {
    const version = detail.version;
    switch (action) {
      case 'handOver': {
        const toSection = !!v.toBusinessSection;
        return {
          version,
          toStaffId: toSection ? null : (v.toStaffId ?? null),
          toBusinessSection: toSection,
          method: v.method,
          note: (v.handOverNote ?? '').trim(),
        };
      }
      case 'answer':
        return { version, answer: (v.answer ?? '').trim() };
      case 'supplement':
        return { version, materials: v.materials ?? [] };
      case 'return':
        return { version, reasons: (v.reasons ?? '').trim() };
      case 'accept':
        return {
          version,
          kind: v.kind ?? 'promised',
          termDays: v.kind === 'immediate' ? null : (v.termDays ?? null),
          urgent: !!v.urgent,
        };
      case 'pause':
        return {
          version,
          reason: v.pauseReason ?? 'awaiting_applicant',
          note: (v.note ?? '').trim(),
        };
      case 'resume':
        return { version };
      case 'extend':
        return { version, days: v.days ?? 0, reason: (v.reason ?? '').trim() };
      case 'expedite':
        return { version, termDays: v.termDays ?? 0, reason: (v.reason ?? '').trim() };
      case 'submit':
        return {
          version,
          authority: (v.authority ?? '').trim(),
          dueDate: toIsoDate(v.dueDate) ?? '',
        };
      case 'complete': {
        const rows = v.fees ?? [];
        sentFees.current = [];
        const fees = detail.itemFees.flatMap((f, i) => {
          const row = rows[i];
          if (!row?.charge) return [];
          sentFees.current.push(i);
          return [{ name: f.name, amount: (row.amount ?? '').trim() }];
        });
        return { version, result: (v.result ?? '').trim(), fees };
      }
    }
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

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      casesApi.command(scope.query, detail.id, ENDPOINT[action], body(v) as never),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKeys.detail(scope.centerId, detail.id), updated);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      void message.success(L.done[action]);
      onClose();
    },
    onError: (e) => {
      handleError(e, target);
      // The status moved on: this form no longer applies.
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
      <ActionFields action={action} detail={detail} approverName={me.displayName} />
    </FormModal>
  );
}

function ActionFields({
  action,
  detail,
  approverName,
}: {
  action: CaseAction;
  detail: CaseDetail;
  approverName: string;
}): ReactNode {
  const kind = Form.useWatch<AcceptedKind | undefined>('kind');
  switch (action) {
    case 'handOver':
      return <HandOverFields exclude={detail.holderStaffId} />;
    case 'answer':
      return (
        <Form.Item
          label={F.answer}
          name="answer"
          rules={[required(F.answer), maxLength(F.answer, 2000)]}
        >
          <Input.TextArea rows={5} maxLength={2000} />
        </Form.Item>
      );
    case 'supplement':
      return (
        <Form.Item
          label={F.materials}
          name="materials"
          extra={t.workbench.materialsHelp}
          rules={[
            { required: true, type: 'array', min: 1, message: t.workbench.materialsRequired },
          ]}
        >
          <Checkbox.Group
            className="materials-checks"
            options={detail.itemMaterials.map((m) => ({ value: m, label: m }))}
          />
        </Form.Item>
      );
    case 'return':
      return (
        <Form.Item
          label={F.reasons}
          name="reasons"
          rules={[required(F.reasons), maxLength(F.reasons, 2000)]}
        >
          <Input.TextArea rows={4} maxLength={2000} placeholder={t.workbench.reasonsPlaceholder} />
        </Form.Item>
      );
    case 'accept':
      return (
        <>
          <Form.Item label={F.kind} name="kind" rules={[required(F.kind, true)]}>
            <Radio.Group
              aria-label={F.kind}
              optionType="button"
              options={ACCEPTED_KINDS.map((k) => ({ value: k, label: ACCEPTED_KIND_LABELS[k] }))}
            />
          </Form.Item>
          {kind !== 'immediate' ? (
            <Form.Item label={F.termDays} name="termDays" extra={F.termHelp}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          ) : null}
          <Form.Item name="urgent" valuePropName="checked">
            <Checkbox>{F.urgent}</Checkbox>
          </Form.Item>
        </>
      );
    case 'pause':
      return (
        <>
          <Form.Item
            label={F.pauseReason}
            name="pauseReason"
            rules={[required(F.pauseReason, true)]}
          >
            <Select<PauseReason>
              options={PAUSE_REASONS.map((r) => ({ value: r, label: PAUSE_REASON_LABELS[r] }))}
            />
          </Form.Item>
          <Form.Item label={F.pauseNote} name="note" rules={[maxLength(F.pauseNote, 500)]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      );
    case 'resume':
      return <Typography.Paragraph>{F.resumeHint}</Typography.Paragraph>;
    case 'extend':
      return (
        <>
          <Form.Item
            label={F.extendDays}
            name="days"
            extra={F.extendHelp(unitOf(detail.acceptedKind))}
            rules={[required(F.extendDays, true)]}
          >
            <InputNumber min={1} max={1000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            label={F.extendReason}
            name="reason"
            rules={[required(F.extendReason), maxLength(F.extendReason, 1000)]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            {F.extendApprover(approverName)}
          </Typography.Paragraph>
        </>
      );
    case 'expedite':
      return (
        <>
          <Form.Item
            label={F.expediteDays}
            name="termDays"
            extra={F.expediteHelp(detail.termDays)}
            rules={[required(F.expediteDays, true)]}
          >
            <InputNumber min={1} max={1000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            label={F.expediteReason}
            name="reason"
            rules={[required(F.expediteReason), maxLength(F.expediteReason, 500)]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      );
    case 'submit':
      return (
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
      );
    case 'complete':
      return (
        <>
          <Form.Item
            label={F.result}
            name="result"
            rules={[required(F.result), maxLength(F.result, 2000)]}
          >
            <Input.TextArea rows={3} maxLength={2000} placeholder={F.resultPlaceholder} />
          </Form.Item>
          <FeeFields detail={detail} />
        </>
      );
  }
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
