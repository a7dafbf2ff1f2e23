import { Form, Input } from 'antd';
import { codeRules, required, sameAs } from '../lib/rules.ts';
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
