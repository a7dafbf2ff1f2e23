/**
 * The browser flows run as two groups at once, each with its own server and data (decision 0015):
 * most of a flow's time is spent waiting for pages, so two share the machine well. A flow that
 * builds on what another did to the demo center must be in the same group, after it (by name):
 * assessment → evaluation, announcements → portal-announcements, bookings → portal-booking.
 * A file not named here is in group 1.
 */
export const SECOND_GROUP: readonly string[] = [
  'announcements',
  'bookings',
  'portal-announcements',
  'portal-booking',
  'portal-rating',
  'portal-report',
  'portal-visit',
  'portal',
  'ratings',
  'stats',
  'supervision',
];

export const GROUPS = [1, 2] as const;
export type Group = (typeof GROUPS)[number];

/** The group of a flow file, from its name: 'tests/portal.e2e.ts' → 2. */
export const groupOf = (file: string): Group =>
  SECOND_GROUP.includes(file.replace(/^.*\//, '').replace(/\.e2e\.ts$/, '')) ? 2 : 1;
