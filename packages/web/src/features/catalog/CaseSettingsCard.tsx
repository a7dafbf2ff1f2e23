import { useState } from 'react';
import { Button, Card, Descriptions, Form, InputNumber, Skeleton, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import {
  catalogApi,
  catalogKeys,
  useCaseSettingsQuery,
  type CaseSettings,
} from '../../api/catalog.ts';
import { useCenterScope } from '../../center/scope.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { QueryErrorAlert } from '../../components/QueryErrorAlert.tsx';
import { useFeedbackMutation } from '../../lib/apiFeedback.ts';
import { required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.caseSettings;

type Field = Exclude<keyof CaseSettings, 'version'>;

/** The seven numbers, their unit, bounds (as the contract) and one-line explanation. */
const FIELDS: readonly {
  name: Field;
  label: string;
  unit: string;
  min: number;
  max: number;
  show: (n: number) => string;
  help: (n: string) => string;
}[] = [
  {
    name: 'yellowAtPercent',
    label: L.yellowAtPercent,
    unit: L.percentUnit,
    min: 50,
    max: 99,
    show: L.percent,
    help: L.yellowAtPercentHelp,
  },
  {
    name: 'supplementWithinWorkingDays',
    label: L.supplementWithinWorkingDays,
    unit: L.workingDaysUnit,
    min: 1,
    max: 20,
    show: L.workingDays,
    help: L.supplementWithinWorkingDaysHelp,
  },
  {
    name: 'extensionMaxWorkingDays',
    label: L.extensionMaxWorkingDays,
    unit: L.workingDaysUnit,
    min: 0,
    max: 60,
    show: L.workingDays,
    help: L.extensionMaxWorkingDaysHelp,
  },
  {
    name: 'petitionDays',
    label: L.petitionDays,
    unit: L.daysUnit,
    min: 1,
    max: 365,
    show: L.days,
    help: L.petitionDaysHelp,
  },
  {
    name: 'petitionExtensionMaxDays',
    label: L.petitionExtensionMaxDays,
    unit: L.daysUnit,
    min: 0,
    max: 90,
    show: L.days,
    help: L.petitionExtensionMaxDaysHelp,
  },
  {
    name: 'petitionDecisionDays',
    label: L.petitionDecisionDays,
    unit: L.daysUnit,
    min: 1,
    max: 60,
    show: L.days,
    help: L.petitionDecisionDaysHelp,
  },
  {
    name: 'urgentTermPercent',
    label: L.urgentTermPercent,
    unit: L.percentUnit,
    min: 10,
    max: 90,
    show: L.percent,
    help: L.urgentTermPercentHelp,
  },
];

/** 办件设置: the center's case policy numbers, each explained; center admins can change them. */
export function CaseSettingsCard({ canManage }: { canManage: boolean }) {
  const settings = useCaseSettingsQuery();
  const [open, setOpen] = useState(false);
  const data = settings.data;
  return (
    <Card
      className="block-gap"
      title={<h2 className="card-title">{L.title}</h2>}
      extra={
        canManage && data ? (
          <Button icon={<EditOutlined aria-hidden />} onClick={() => setOpen(true)}>
            {L.edit}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{L.description}</Typography.Paragraph>
      {settings.isError ? (
        <QueryErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Descriptions
          column={{ xs: 1, lg: 2 }}
          size="small"
          bordered
          styles={{ label: { width: 130, whiteSpace: 'nowrap' } }}
        >
          {FIELDS.map((f) => (
            <Descriptions.Item key={f.name} label={f.label}>
              <span className="case-settings-value">{f.show(data[f.name])}</span>
              <span className="case-settings-help">{f.help(f.show(data[f.name]))}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {data ? (
        <CaseSettingsModal open={open} settings={data} onClose={() => setOpen(false)} />
      ) : null}
    </Card>
  );
}

type Values = Record<Field, number>;

function CaseSettingsModal({
  open,
  settings,
  onClose,
}: {
  open: boolean;
  settings: CaseSettings;
  onClose: () => void;
}) {
  const scope = useCenterScope();
  const [form] = Form.useForm<Values>();
  const key = catalogKeys.caseSettings(scope.centerId);
  const values = Form.useWatch([], form) as Partial<Values> | undefined;

  const save = useFeedbackMutation({
    mutationFn: (v: Values) =>
      catalogApi.caseSettings.update(scope.query, { ...v, version: settings.version }),
    success: L.saved,
    // The board's lights follow the yellow threshold.
    invalidate: [key, catalogKeys.boardAll(scope.centerId)],
    errors: { target: { form, fields: FIELDS.map((f) => f.name) }, refetch: [key] },
    onSuccess: onClose,
  });

  return (
    <FormModal<Values>
      open={open}
      title={L.editTitle}
      formName="caseSettingsForm"
      form={form}
      width={640}
      initialValues={{
        yellowAtPercent: settings.yellowAtPercent,
        petitionDays: settings.petitionDays,
        petitionExtensionMaxDays: settings.petitionExtensionMaxDays,
        extensionMaxWorkingDays: settings.extensionMaxWorkingDays,
        supplementWithinWorkingDays: settings.supplementWithinWorkingDays,
        petitionDecisionDays: settings.petitionDecisionDays,
        urgentTermPercent: settings.urgentTermPercent,
      }}
      mutation={save}
      onClose={onClose}
    >
      {FIELDS.map((f) => {
        const n = values?.[f.name];
        return (
          <Form.Item
            key={f.name}
            label={f.label}
            name={f.name}
            extra={f.help(f.show(typeof n === 'number' ? n : settings[f.name]))}
            rules={[required(f.label, true)]}
          >
            <InputNumber
              min={f.min}
              max={f.max}
              precision={0}
              suffix={f.unit}
              style={{ width: 200 }}
            />
          </Form.Item>
        );
      })}
    </FormModal>
  );
}
