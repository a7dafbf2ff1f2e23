import { Select } from 'antd';
import { useCentersQuery } from '../center/CenterScopeProvider.tsx';
import { useCenterScope } from '../center/scope.ts';
import { t } from '../locale/zh-CN.ts';

/** A county admin's choice of the center the console works on; kept in localStorage. */
export function CenterSwitcher({
  id,
  className,
  labelled = false,
}: {
  id?: string;
  className?: string;
  /** Whether a visible <label htmlFor={id}> names it; otherwise it carries its own aria-label. */
  labelled?: boolean;
}) {
  const scope = useCenterScope();
  const centers = useCentersQuery(scope.crossCenter);
  return (
    <Select<number>
      id={id}
      className={className}
      aria-label={labelled ? undefined : t.layout.centerSwitcher}
      placeholder={t.layout.centerSwitcherPlaceholder}
      loading={centers.isPending}
      value={scope.centerId ?? undefined}
      onChange={(v) => scope.select(v ?? null)}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      options={(centers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
      style={{ minWidth: 200 }}
    />
  );
}
