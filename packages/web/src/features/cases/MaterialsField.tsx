import type { ReactNode } from 'react';
import { Checkbox, Form, Input } from 'antd';
import { MATERIAL_REMARK_MAX } from '@bianmin/domain';
import { t } from '../../locale/zh-CN.ts';

const R = t.remarks;

/**
 * The missing materials (`materials`), ticked on the item's checklist, at least one, each with a
 * remark once ticked (`remarks`: 缺少公章): for the supplement notice at intake, on the case, and
 * when its notice is corrected.
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
  const ticked = Form.useWatch<string[] | undefined>('materials') ?? [];
  return (
    <Form.Item
      label={label}
      name="materials"
      extra={extra ?? R.help}
      rules={[{ required: true, type: 'array', min: 1, message: t.workbench.materialsRequired }]}
    >
      <Checkbox.Group className="materials-checks">
        {checklist.map((m) => (
          <div key={m} className="material-row">
            <Checkbox value={m}>{m}</Checkbox>
            {ticked.includes(m) ? (
              <Form.Item name={['remarks', m]} noStyle>
                <Input
                  size="small"
                  className="material-remark"
                  aria-label={R.label(m)}
                  placeholder={R.placeholder}
                  maxLength={MATERIAL_REMARK_MAX}
                  autoComplete="off"
                />
              </Form.Item>
            ) : null}
          </div>
        ))}
      </Checkbox.Group>
    </Form.Item>
  );
}
