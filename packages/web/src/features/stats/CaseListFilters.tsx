import { Alert, Button } from 'antd';
import { CHANNEL_LABELS, caseKindFilter, type CaseKindFilter } from '@bianmin/contracts';
import { CASE_KIND_LABELS, CHANNELS, monthLabel, type Channel } from '@bianmin/domain';
import type { CaseListQuery } from '../../api/cases.ts';
import { t } from '../../locale/zh-CN.ts';
import { monthOfParam } from './format.ts';

/** The filters of the case list that 办件统计 opens it with (docs/statistics.md). */
export type StatsCaseFilters = Pick<
  CaseListQuery,
  'closedMonth' | 'receivedMonth' | 'itemId' | 'holderStaffId' | 'onTime' | 'channel' | 'kind'
>;
export const STATS_FILTER_KEYS = [
  'closedMonth',
  'receivedMonth',
  'itemId',
  'holderStaffId',
  'onTime',
  'channel',
  'kind',
] as const;

const positive = (v: string | null) => {
  const n = Number(v);
  return v !== null && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** Reads them from the address; anything malformed is left out. */
export function readStatsFilters(params: URLSearchParams): StatsCaseFilters {
  const onTime = params.get('onTime');
  const channel = params.get('channel');
  const kind = caseKindFilter.safeParse(params.get('kind'));
  return {
    closedMonth: monthOfParam(params.get('closedMonth')) ?? undefined,
    receivedMonth: monthOfParam(params.get('receivedMonth')) ?? undefined,
    itemId: positive(params.get('itemId')),
    holderStaffId: positive(params.get('holderStaffId')),
    onTime: onTime === 'true' || onTime === 'false' ? onTime : undefined,
    channel: CHANNELS.includes(channel as Channel) ? (channel as Channel) : undefined,
    kind: kind.success ? kind.data : undefined,
  };
}

const kindLabel = (k: CaseKindFilter) =>
  k === 'accepted' ? t.stats.volume.accepted : CASE_KIND_LABELS[k];

/** The filters in words: "2026 年 2 月办结 · 超期 · 来源：电话". */
export function describeStatsFilters(
  f: StatsCaseFilters,
  names: { item?: string | undefined; holder?: string | undefined } = {},
): string {
  const W = t.stats.listFilters;
  return [
    f.closedMonth && W.closed(monthLabel(f.closedMonth)),
    f.receivedMonth && W.received(monthLabel(f.receivedMonth)),
    f.onTime && (f.onTime === 'true' ? W.onTime : W.late),
    f.itemId && W.item(names.item ?? `#${String(f.itemId)}`),
    f.holderStaffId && W.holder(names.holder ?? `#${String(f.holderStaffId)}`),
    f.channel && W.channel(CHANNEL_LABELS[f.channel]),
    f.kind && W.kind(kindLabel(f.kind)),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Above the case list when it was opened from a figure: which figure's cases these are, and a way
 * back to the plain list.
 */
export function StatsFiltersNote({
  filters,
  names,
  onClear,
}: {
  filters: StatsCaseFilters;
  names?: { item?: string | undefined; holder?: string | undefined };
  onClear: () => void;
}) {
  const text = describeStatsFilters(filters, names);
  if (!text) return null;
  return (
    <Alert
      type="info"
      showIcon
      className="block-gap"
      title={t.stats.listFilters.title(text)}
      action={
        <Button size="small" onClick={onClear}>
          {t.stats.listFilters.clear}
        </Button>
      }
    />
  );
}
