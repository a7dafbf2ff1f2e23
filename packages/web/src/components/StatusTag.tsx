import { Tag } from 'antd';
import { t } from '../locale/zh-CN.ts';

export function ActiveTag({ active }: { active: boolean }) {
  return active ? <Tag color="success">{t.common.active}</Tag> : <Tag>{t.common.inactive}</Tag>;
}
