import type { ReactNode } from 'react';
import { Form, Input, InputNumber, Select, type InputNumberProps } from 'antd';
import { useWindowUnitsQuery } from '../api/queries.ts';
import { codeRules, maxLength, required, sameAs } from '../lib/rules.ts';
import { t } from '../locale/zh-CN.ts';

/**
 * A record's code (center, window unit, staff number): typed and checked when the record is
 * created, shown but locked when it is edited.
 */
export function CodeItem({
  label,
  name,
  help,
  locked,
}: {
  label: string;
  name: string;
  /** The hint under a new record's box. */
  help: string;
  locked: boolean;
}) {
  return (
    <Form.Item
      label={label}
      name={name}
      extra={locked ? undefined : help}
      rules={locked ? [] : codeRules(label)}
    >
      <Input disabled={locked} autoComplete="off" />
    </Form.Item>
  );
}

/** The "确认密码" box of a password form (field `confirm`), which must repeat the field `of`. */
export function ConfirmPasswordItem({ of }: { of: string }) {
  return (
    <Form.Item
      label={t.password.confirm}
      name="confirm"
      dependencies={[of]}
      rules={[required(t.password.confirm), sameAs(of, t.password.mismatch)]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}

/**
 * A text of up to `max` characters in a multi-line box (a reason, an answer, a note): required
 * unless `optional`, its messages naming the field by its label.
 */
export function TextAreaItem({
  label,
  name,
  max,
  rows,
  optional = false,
  placeholder,
  extra,
  showCount,
}: {
  label: string;
  name: string;
  max: number;
  rows: number;
  optional?: boolean;
  placeholder?: string;
  extra?: ReactNode;
  showCount?: boolean;
}) {
  return (
    <Form.Item
      label={label}
      name={name}
      extra={extra}
      rules={optional ? [maxLength(label, max)] : [required(label), maxLength(label, max)]}
    >
      <Input.TextArea rows={rows} maxLength={max} placeholder={placeholder} showCount={showCount} />
    </Form.Item>
  );
}

/**
 * A term in whole days, 1 to 1000 as the API takes it, inside a Form.Item: it passes on what the
 * item gives it (value, id, aria attributes).
 */
export function DaysInput(props: InputNumberProps<number>) {
  return <InputNumber<number> min={1} max={1000} precision={0} style={{ width: 160 }} {...props} />;
}

/**
 * The window unit a record belongs to (`windowUnitId`): only an active unit can be picked; the
 * record's own unit stays in the list, marked, when it has been switched off since.
 */
export function WindowUnitItem({
  text,
  current,
  help,
}: {
  /** The page's words: the label, the mark of a switched-off unit, the hint when there is none. */
  text: { windowUnit: string; inactiveUnit: string; needUnits: string };
  current: number | undefined;
  help?: string;
}) {
  const units = useWindowUnitsQuery();
  const options = (units.data ?? [])
    .filter((u) => u.active || u.id === current)
    .map((u) => ({
      value: u.id,
      label: u.active ? u.name : `${u.name}${text.inactiveUnit}`,
      disabled: !u.active,
    }));
  return (
    <Form.Item
      label={text.windowUnit}
      name="windowUnitId"
      rules={[required(text.windowUnit, true)]}
      extra={units.isSuccess && options.length === 0 ? text.needUnits : help}
    >
      <Select<number>
        options={options}
        loading={units.isPending}
        placeholder={t.common.pleaseSelect(text.windowUnit)}
        showSearch={{ optionFilterProp: 'label' }}
      />
    </Form.Item>
  );
}
