import type { PortalGuideItem } from '@bianmin/contracts';
import { P } from '../strings.ts';

const G = P.guide;

/** How long an item takes, in words: "承诺 5 个工作日内办结（法定 20 个工作日）". */
export function termText(item: PortalGuideItem): string {
  if (item.kind === 'immediate') return G.immediate;
  if (item.promisedDays === null) return G.reported;
  const unit = item.termUnit === 'calendar' ? G.calendarDays : G.workingDays;
  const legal =
    item.legalDays !== null && item.legalDays !== item.promisedDays
      ? G.legal(item.legalDays, unit)
      : '';
  return `${G.promised(item.promisedDays, unit)}${legal}`;
}
