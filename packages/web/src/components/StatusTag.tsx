import { Switch, Tag, type SwitchProps, type TableColumnType } from 'antd';
import { t } from '../locale/zh-CN.ts';

export function ActiveTag({ active }: { active: boolean }) {
  return active ? <Tag color="success">{t.common.active}</Tag> : <Tag>{t.common.inactive}</Tag>;
}

/** The "状态" column of a record that can be switched off, with a filter on it. */
export function activeColumn<T extends { active: boolean }>(): TableColumnType<T> {
  return {
    title: t.common.status,
    dataIndex: 'active',
    width: 120,
    render: (active: boolean) => <ActiveTag active={active} />,
    filters: [
      { text: t.common.active, value: true },
      { text: t.common.inactive, value: false },
    ],
    onFilter: (value, record) => record.active === value,
  };
}

/**
 * The form's switch for the same flag, inside a Form.Item with `valuePropName="checked"`: it passes
 * on what the item gives it (value, id, aria attributes).
 */
export function ActiveSwitch(props: SwitchProps) {
  return (
    <Switch {...props} checkedChildren={t.common.active} unCheckedChildren={t.common.inactive} />
  );
}
