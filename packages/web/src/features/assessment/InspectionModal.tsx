import {
  Alert,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Select,
  type FormInstance,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  assessmentApi,
  assessmentKeys,
  useInForcePolicy,
  type InspectionLevel,
} from '../../api/assessment.ts';
import { isApiError } from '../../api/client.ts';
import { useStaffQuery } from '../../api/queries.ts';
import { useCenterScope } from '../../center/scope.ts';
import { IconButton } from '../../components/IconButton.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { todayInCenter } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import { fieldPath, isHigherLevel, itemLabel } from './format.ts';
import { inspectionBody, type FindingValues, type InspectionValues } from './inspection.ts';

const L = t.inspections;
const S = t.assessmentShared;
const LEVELS: readonly InspectionLevel[] = ['town', 'joint_check', 'county', 'city', 'province'];
const ITEMS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
const MAX_FINDINGS = 50;

const EMPTY_FINDING: FindingValues = { circulated: false, serious: false };

/** How the chosen level is deducted, with the months of the standard in force when known. */
function LevelHint({ level }: { level: InspectionLevel | undefined }) {
  const policy = useInForcePolicy();
  if (!level) return null;
  const text = isHigherLevel(level)
    ? L.higherHint(
        S.levels[level] ?? level,
        policy
          ? level === 'county'
            ? policy.countyMonths
            : level === 'city'
              ? policy.cityMonths
              : policy.provinceMonths
          : null,
        level === 'province' && (policy?.provinceCapsRating ?? true),
      )
    : L.levelHints[level];
  return <Alert type="info" showIcon className="level-hint" title={text} />;
}

/**
 * 记录巡查: the inspection and, one fieldset each, the problems it found. `initial` fills the form
 * from what prompted it (an unanswered holiday call-out: its day, the person, what happened).
 */
export function InspectionModal({
  open,
  onClose,
  initial,
}: {
  open: boolean;
  onClose: () => void;
  initial?: Partial<InspectionValues>;
}) {
  const scope = useCenterScope();
  const [form] = Form.useForm<InspectionValues>();
  const level = Form.useWatch('level', form);
  const staff = useStaffQuery('', false, open);
  const staffOptions = (staff.data ?? []).map((s) => ({
    value: s.id,
    label: `${s.staffNo} ${s.name}（${s.windowName ?? s.position}）`,
  }));

  const save = useFeedbackMutation({
    mutationFn: (v: InspectionValues) =>
      assessmentApi.inspections.create(scope.query, inspectionBody(v)),
    success: (created) => L.created(created.findings.length),
    invalidate: [assessmentKeys.all],
    errors: {
      target: { form, fields: ['level', 'inspectedOn', 'inspectors', 'note'] },
    },
    onSuccess: onClose,
  });

  return (
    <FormModal<InspectionValues>
      open={open}
      title={L.create}
      formName="inspectionForm"
      form={form}
      width={820}
      initialValues={{
        level: 'town',
        inspectedOn: todayInCenter(),
        findings: [EMPTY_FINDING],
        ...initial,
      }}
      mutation={{
        isPending: save.isPending,
        mutate: (v) => save.mutate(v, { onError: (e) => placeFindingErrors(form, e) }),
      }}
      onClose={onClose}
    >
      <Form.Item label={L.level} name="level" rules={[required(L.level, true)]}>
        <Radio.Group
          optionType="button"
          options={LEVELS.map((l) => ({ value: l, label: S.levels[l] }))}
        />
      </Form.Item>
      <LevelHint level={level} />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label={L.inspectedOn}
            name="inspectedOn"
            rules={[required(L.inspectedOn, true)]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(todayInCenter(), 'day')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            label={L.inspectors}
            name="inspectors"
            rules={[required(L.inspectors), maxLength(L.inspectors, 200)]}
          >
            <Input placeholder={L.inspectorsPlaceholder} maxLength={200} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={L.note} name="note" rules={[maxLength(L.note, 1000)]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.List name="findings">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <fieldset key={field.key} className="finding-fieldset">
                <legend className="finding-legend">
                  <span>{L.findingLegend(i + 1)}</span>
                  <IconButton
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    label={L.removeFinding(i + 1)}
                    onClick={() => remove(field.name)}
                  />
                </legend>
                <Row gutter={16}>
                  <Col xs={24} md={10}>
                    <Form.Item
                      label={L.staff}
                      name={[field.name, 'staffId']}
                      rules={[required(L.staff, true)]}
                    >
                      <Select<number>
                        aria-label={L.findingField(i + 1, L.staff)}
                        options={staffOptions}
                        loading={staff.isPending}
                        placeholder={L.staffPlaceholder}
                        showSearch={{ optionFilterProp: 'label' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item
                      label={L.item}
                      name={[field.name, 'item']}
                      rules={[required(L.item, true)]}
                    >
                      <Select<number>
                        aria-label={L.findingField(i + 1, L.item)}
                        options={ITEMS.map((n) => ({ value: n, label: itemLabel(n) }))}
                        placeholder={t.common.pleaseSelect(L.item)}
                        showSearch={{ optionFilterProp: 'label' }}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  label={L.findingDescription}
                  name={[field.name, 'description']}
                  rules={[required(L.findingDescription), maxLength(L.findingDescription, 1000)]}
                >
                  <Input.TextArea
                    aria-label={L.findingField(i + 1, L.findingDescription)}
                    rows={2}
                    maxLength={1000}
                    placeholder={L.descriptionPlaceholder}
                  />
                </Form.Item>
                <Row gutter={16}>
                  {isHigherLevel(level) ? (
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={[field.name, 'circulated']}
                        valuePropName="checked"
                        extra={L.circulatedHelp}
                      >
                        <Checkbox aria-label={L.findingField(i + 1, L.circulated)}>
                          {L.circulated}
                        </Checkbox>
                      </Form.Item>
                    </Col>
                  ) : null}
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'serious']} valuePropName="checked">
                      <Checkbox aria-label={L.findingField(i + 1, L.serious)}>{L.serious}</Checkbox>
                    </Form.Item>
                  </Col>
                </Row>
              </fieldset>
            ))}
            {fields.length === 0 ? <p className="muted">{L.noFindings}</p> : null}
            {fields.length < MAX_FINDINGS ? (
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add(EMPTY_FINDING)}
              >
                {L.addFinding}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

/** The server's messages about one finding (`findings.0.staffId`), under that finding's field. */
function placeFindingErrors(form: FormInstance<InspectionValues>, e: unknown) {
  if (!isApiError(e)) return;
  const placed = e.fields
    .map((f) => ({ path: fieldPath(f.field), message: f.message.replace(/^[^：]*：/, '') }))
    .filter((f) => f.path[0] === 'findings' && f.path.length === 3)
    .map((f) => ({ name: f.path, errors: [f.message] }));
  if (placed.length > 0) form.setFields(placed as Parameters<typeof form.setFields>[0]);
}
