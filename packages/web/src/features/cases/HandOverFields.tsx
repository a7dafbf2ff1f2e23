import { Checkbox, Form, Radio, Select } from 'antd';
import { HANDOVER_METHOD_LABELS } from '@bianmin/contracts';
import { HANDOVER_METHODS, type HandoverMethod } from '@bianmin/domain';
import { useHandOverTargetsQuery, type HandOverBody } from '../../api/cases.ts';
import { TextAreaItem } from '../../components/FormItems.tsx';
import { optionsOf } from '../../lib/options.ts';
import { t } from '../../locale/zh-CN.ts';

const L = t.caseDetail.form;

export interface HandOverValues {
  toStaffId?: number | null;
  toBusinessSection?: boolean;
  method: HandoverMethod;
  handOverNote?: string;
}

export const HANDOVER_FIELDS: Record<string, string[]> = {
  toStaffId: ['toStaffId'],
  toBusinessSection: ['toBusinessSection'],
  method: ['method'],
  note: ['handOverNote'],
};

/** The hand-over command from these fields, for the case at `version`. */
export function handOverBody(v: HandOverValues, version: number): HandOverBody {
  const toSection = !!v.toBusinessSection;
  return {
    version,
    toStaffId: toSection ? null : (v.toStaffId ?? null),
    toBusinessSection: toSection,
    method: v.method,
    note: (v.handOverNote ?? '').trim(),
  };
}

/**
 * Who takes the visitor or the case over (首问负责): a colleague, or the business section for a joint
 * matter; taken to the window or settled by phone. The server lists the colleagues (the case's holder
 * left out): those at the item's windows first, each marked at the post or not.
 */
export function HandOverFields({
  target,
}: {
  target: { caseId: number } | { itemId: number | null };
}) {
  const staff = useHandOverTargetsQuery(target);
  const toSection = Form.useWatch<boolean | undefined>('toBusinessSection');
  const options = (staff.data?.items ?? []).map((s) => ({
    value: s.staffId,
    label: t.workbench.targetLabel(s.name, s.windowName ?? s.position, s.atPost, s.forItem),
  }));
  return (
    <>
      <Form.Item
        label={L.toStaff}
        name="toStaffId"
        dependencies={['toBusinessSection']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: number | null | undefined) =>
              value || getFieldValue('toBusinessSection')
                ? Promise.resolve()
                : Promise.reject(new Error(t.workbench.handOverTargetRequired)),
          }),
        ]}
      >
        <Select<number>
          allowClear
          disabled={!!toSection}
          options={options}
          loading={staff.isPending}
          placeholder={t.workbench.toStaffPlaceholder}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item name="toBusinessSection" valuePropName="checked">
        <Checkbox>{L.toBusinessSection}</Checkbox>
      </Form.Item>
      <Form.Item label={L.method} name="method" rules={[{ required: true }]}>
        <Radio.Group options={optionsOf(HANDOVER_METHODS, HANDOVER_METHOD_LABELS)} />
      </Form.Item>
      <TextAreaItem label={L.note} name="handOverNote" max={500} rows={2} optional />
    </>
  );
}
