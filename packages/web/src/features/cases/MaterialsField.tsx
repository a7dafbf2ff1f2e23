import type { ReactNode } from 'react';
import { Checkbox, Form } from 'antd';
import { t } from '../../locale/zh-CN.ts';

/**
 * The missing materials (`materials`), ticked on the item's checklist, at least one: for the
 * supplement notice at intake, on the case, and when its notice is corrected.
 */
export function MaterialsField({
  label,
  checklist,
  extra,
}: {
  label: string;
  checklist: readonly string[];
  extra?: ReactNode;
}) {
  return (
    <Form.Item
      label={label}
      name="materials"
      extra={extra}
      rules={[{ required: true, type: 'array', min: 1, message: t.workbench.materialsRequired }]}
    >
      <Checkbox.Group
        className="materials-checks"
        options={checklist.map((m) => ({ value: m, label: m }))}
      />
    </Form.Item>
  );
}
