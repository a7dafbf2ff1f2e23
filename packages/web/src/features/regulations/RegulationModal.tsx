import {
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  type FormInstance,
  type FormRule as Rule,
} from 'antd';
import { FIELD_LABELS } from '@bianmin/contracts';
import {
  assessmentApi,
  assessmentKeys,
  type PolicyFields,
  type RegulationVersion,
} from '../../api/assessment.ts';
import { isApiError } from '../../api/client.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CodeItem, TextAreaItem } from '../../components/FormItems.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { parseDate, todayInCenter, toIsoDate, type Dayjs } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.regulations;

/** What the modal drafts: a new regulation, a revision of `from`, or changes to the draft `from`. */
export type RegulationDraft =
  | { mode: 'create' }
  | { mode: 'revise'; from: RegulationVersion }
  | { mode: 'edit'; from: RegulationVersion };

export interface RegulationValues {
  code?: string;
  name: string;
  introduction: string;
  content: string;
  supplementary: string;
  effectiveFrom: Dayjs | null;
  hasPolicy: boolean;
  monthlyAmount?: string;
  countyMonths?: number;
  cityMonths?: number;
  provinceMonths?: number;
  provinceCapsRating?: boolean;
  appealTermWorkingDays?: number;
  reportDecisionWorkingDays?: number;
  appealDecisionWorkingDays?: number;
  ratingContactWorkingDays?: number;
  ratingFixWorkingDays?: number;
}

const POLICY_FIELDS = [
  'monthlyAmount',
  'countyMonths',
  'cityMonths',
  'provinceMonths',
  'provinceCapsRating',
  'appealTermWorkingDays',
  'reportDecisionWorkingDays',
  'appealDecisionWorkingDays',
  'ratingContactWorkingDays',
  'ratingFixWorkingDays',
] as const;

/** The rectification of a 差评 never shorter than its call-back (the server checks it too). */
const fixNotBeforeContact: Rule = ({ getFieldValue }) => ({
  validator: (_: unknown, value: number | null | undefined) =>
    value == null || value >= ((getFieldValue('ratingContactWorkingDays') as number | null) ?? 1)
      ? Promise.resolve()
      : Promise.reject(new Error(L.fixBeforeContact)),
});

/** The terms for deciding (处理期限): field, bounds, help. */
const TERM_FIELDS = [
  { name: 'reportDecisionWorkingDays', max: 60, help: L.reportTermHelp },
  { name: 'appealDecisionWorkingDays', max: 60, help: L.appealTermHelp },
  { name: 'ratingContactWorkingDays', max: 15, help: L.ratingContactHelp },
  { name: 'ratingFixWorkingDays', max: 15, help: L.ratingFixHelp },
] as const;

/** The source regulation's standard: what a new policy starts from. */
const SOURCE_POLICY: PolicyFields = {
  monthlyAmount: '300',
  countyMonths: 3,
  cityMonths: 9,
  provinceMonths: 12,
  provinceCapsRating: true,
  appealTermWorkingDays: 10,
  reportDecisionWorkingDays: 15,
  appealDecisionWorkingDays: 15,
  ratingContactWorkingDays: 1,
  ratingFixWorkingDays: 15,
};

export function draftValues(draft: RegulationDraft): Partial<RegulationValues> {
  if (draft.mode === 'create') return { hasPolicy: false, ...SOURCE_POLICY, effectiveFrom: null };
  const v = draft.from;
  return {
    name: v.name,
    introduction: v.introduction,
    content: v.content,
    supplementary: v.supplementary,
    // A revision starts in the future; a draft keeps its own date.
    effectiveFrom: draft.mode === 'edit' ? parseDate(v.effectiveFrom) : null,
    hasPolicy: v.policy !== null,
    ...(v.policy ?? SOURCE_POLICY),
  };
}

/** The version fields the API takes, the standard only when the box is ticked. */
export function versionFields(v: RegulationValues) {
  return {
    name: v.name.trim(),
    introduction: v.introduction.trim(),
    content: v.content.trim(),
    supplementary: v.supplementary.trim(),
    effectiveFrom: toIsoDate(v.effectiveFrom) ?? '',
    policy: v.hasPolicy
      ? {
          monthlyAmount: (v.monthlyAmount ?? '').trim(),
          countyMonths: v.countyMonths ?? 0,
          cityMonths: v.cityMonths ?? 0,
          provinceMonths: v.provinceMonths ?? 0,
          provinceCapsRating: !!v.provinceCapsRating,
          appealTermWorkingDays: v.appealTermWorkingDays ?? 0,
          reportDecisionWorkingDays: v.reportDecisionWorkingDays ?? 0,
          appealDecisionWorkingDays: v.appealDecisionWorkingDays ?? 0,
          ratingContactWorkingDays: v.ratingContactWorkingDays ?? 0,
          ratingFixWorkingDays: v.ratingFixWorkingDays ?? 0,
        }
      : null,
  };
}

export function RegulationModal({
  draft,
  onClose,
  onSaved,
}: {
  draft: RegulationDraft | null;
  onClose: () => void;
  onSaved: (v: RegulationVersion) => void;
}) {
  const scope = useCenterScope();
  const [form] = Form.useForm<RegulationValues>();
  const hasPolicy = Form.useWatch('hasPolicy', form);

  const save = useFeedbackMutation({
    mutationFn: (v: RegulationValues) => {
      const fields = versionFields(v);
      if (draft?.mode === 'edit')
        return assessmentApi.regulations.update(draft.from.id, {
          ...fields,
          version: draft.from.version,
        });
      if (draft?.mode === 'revise')
        return assessmentApi.regulations.newVersion(draft.from.regulationId, fields);
      return assessmentApi.regulations.create(scope.query, {
        ...fields,
        code: (v.code ?? '').trim(),
      });
    },
    success: draft?.mode === 'edit' ? t.common.updated : L.created,
    invalidate: [assessmentKeys.regulationsAll],
    errors: {
      target: {
        form,
        fields: ['code', 'name', 'introduction', 'content', 'supplementary', 'effectiveFrom'],
      },
      refetch: [assessmentKeys.regulationsAll],
    },
    onSuccess: (saved) => {
      onSaved(saved);
      onClose();
    },
  });

  const title =
    draft?.mode === 'edit'
      ? L.editTitle(draft.from.name, draft.from.seq)
      : draft?.mode === 'revise'
        ? L.newVersionTitle(draft.from.name)
        : L.createTitle;

  return (
    <FormModal<RegulationValues>
      open={draft !== null}
      title={title}
      formName="regulationForm"
      form={form}
      width={860}
      initialValues={draft ? draftValues(draft) : undefined}
      mutation={{
        isPending: save.isPending,
        mutate: (v) => save.mutate(v, { onError: (e) => placePolicyErrors(form, e) }),
      }}
      onClose={onClose}
    >
      <Row gutter={16}>
        {draft?.mode === 'create' ? (
          <Col xs={24} md={8}>
            <CodeItem label={L.code} name="code" help={L.codeHelp} locked={false} />
          </Col>
        ) : null}
        <Col xs={24} md={draft?.mode === 'create' ? 16 : 24}>
          <Form.Item label={L.name} name="name" rules={[required(L.name), maxLength(L.name, 100)]}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <TextAreaItem
        label={L.introduction}
        name="introduction"
        max={5000}
        rows={3}
        extra={L.introductionHelp}
      />
      <TextAreaItem label={L.content} name="content" max={50000} rows={8} extra={L.contentHelp} />
      <TextAreaItem
        label={L.supplementary}
        name="supplementary"
        max={5000}
        rows={2}
        extra={L.supplementaryHelp}
      />
      <Form.Item
        label={L.effectiveFrom}
        name="effectiveFrom"
        rules={[required(L.effectiveFrom, true)]}
        extra={L.effectiveHelp}
      >
        <DatePicker
          style={{ width: 200 }}
          disabledDate={(d) => d.isBefore(todayInCenter(), 'day')}
        />
      </Form.Item>
      <fieldset className="policy-fieldset">
        <legend className="regulation-section-title">{L.policyTitle}</legend>
        <Form.Item name="hasPolicy" valuePropName="checked" extra={L.policyToggleHelp}>
          <Checkbox>{L.policyToggle}</Checkbox>
        </Form.Item>
        {hasPolicy ? (
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                label={FIELD_LABELS.monthlyAmount}
                name="monthlyAmount"
                rules={[
                  required(FIELD_LABELS.monthlyAmount!),
                  { pattern: /^\d{1,6}(\.\d{1,2})?$/, message: L.amountPattern },
                ]}
              >
                <Input suffix={L.monthlyUnit} inputMode="decimal" autoComplete="off" />
              </Form.Item>
            </Col>
            {(['countyMonths', 'cityMonths', 'provinceMonths'] as const).map((name) => (
              <Col xs={24} md={8} key={name}>
                <Form.Item
                  label={FIELD_LABELS[name]}
                  name={name}
                  rules={[required(FIELD_LABELS[name]!, true)]}
                >
                  <InputNumber<number>
                    min={1}
                    max={120}
                    precision={0}
                    suffix={L.monthsUnit}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} md={8}>
              <Form.Item
                label={FIELD_LABELS.appealTermWorkingDays}
                name="appealTermWorkingDays"
                rules={[required(FIELD_LABELS.appealTermWorkingDays!, true)]}
              >
                <InputNumber<number>
                  min={1}
                  max={60}
                  precision={0}
                  suffix={L.daysUnit}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                label={FIELD_LABELS.provinceCapsRating}
                name="provinceCapsRating"
                valuePropName="checked"
              >
                <Checkbox>{L.yesCap}</Checkbox>
              </Form.Item>
            </Col>
            <Col span={24}>
              <h4 className="regulation-subsection-title">{L.termsTitle}</h4>
              <p className="regulation-help">{L.termsHelp}</p>
            </Col>
            {TERM_FIELDS.map((f) => (
              <Col xs={24} md={12} key={f.name}>
                <Form.Item
                  label={FIELD_LABELS[f.name]}
                  name={f.name}
                  extra={f.help}
                  dependencies={
                    f.name === 'ratingFixWorkingDays' ? ['ratingContactWorkingDays'] : []
                  }
                  rules={[
                    required(FIELD_LABELS[f.name]!, true),
                    ...(f.name === 'ratingFixWorkingDays' ? [fixNotBeforeContact] : []),
                  ]}
                >
                  <InputNumber<number>
                    min={1}
                    max={f.max}
                    precision={0}
                    suffix={L.daysUnit}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        ) : null}
      </fieldset>
    </FormModal>
  );
}

/** The server's messages on the standard (`policy.countyMonths`, or `policy` as a whole). */
function placePolicyErrors(form: FormInstance<RegulationValues>, e: unknown) {
  if (!isApiError(e)) return;
  const placed = e.fields.flatMap((f) => {
    const [head, field] = f.field.split('.');
    if (head !== 'policy') return [];
    const name: keyof RegulationValues = POLICY_FIELDS.find((p) => p === field) ?? 'hasPolicy';
    return [{ name, errors: [f.message.replace(/^[^：]*：/, '')] }];
  });
  if (placed.length > 0) form.setFields(placed);
}
