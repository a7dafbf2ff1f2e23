/** The missing papers of a supplement notice as a form holds them, and as they are sent. */
import { remarksOf } from '@bianmin/domain';

/** The form values: the papers ticked, and a remark per paper by its name (缺少公章). */
export interface MaterialsValues {
  materials?: string[];
  remarks?: Record<string, string>;
}

/** What is sent: the ticked papers and the remarks of those only (an unticked paper's is dropped). */
export function materialsBody(v: MaterialsValues) {
  const materials = v.materials ?? [];
  return { materials, remarks: remarksOf(materials, v.remarks ?? {}) };
}

/** Whether two lists of papers, or two sets of remarks, say the same. */
export const sameRemarks = (
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
