import type { ReactNode } from 'react';
import { Button, type ButtonProps } from 'antd';

/** A button that shows only its icon: `label` names it for screen readers and in its tooltip. */
export function IconButton({
  icon,
  label,
  ...props
}: { icon: ReactNode; label: string } & Omit<ButtonProps, 'icon' | 'type' | 'title' | 'children'>) {
  return <Button type="text" icon={icon} aria-label={label} title={label} {...props} />;
}
