import type { CreateInspectionBody, InspectionLevel } from '../../api/assessment.ts';
import { toIsoDate, type Dayjs } from '../../lib/time.ts';
import { isHigherLevel } from './format.ts';

/** The 记录巡查 form's values: one entry per problem found. */
export interface FindingValues {
  staffId?: number;
  item?: number;
  description?: string;
  circulated?: boolean;
  serious?: boolean;
}
export interface InspectionValues {
  level: InspectionLevel;
  inspectedOn: Dayjs | null;
  inspectors: string;
  note?: string;
  findings: FindingValues[];
}

/** What the form sends: 通报 only where it counts (county and above), texts trimmed. */
export function inspectionBody(v: InspectionValues): CreateInspectionBody {
  const higher = isHigherLevel(v.level);
  return {
    level: v.level,
    inspectedOn: toIsoDate(v.inspectedOn) ?? '',
    inspectors: v.inspectors.trim(),
    note: (v.note ?? '').trim(),
    findings: (v.findings ?? []).map((f) => ({
      staffId: f.staffId!,
      item: f.item!,
      description: (f.description ?? '').trim(),
      circulated: higher && !!f.circulated,
      serious: !!f.serious,
    })),
  };
}
