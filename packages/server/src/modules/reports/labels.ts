/** The channel names as they go into a finding's description (the finding is in Chinese). */
export const REPORT_CHANNEL_NAMES = {
  hotline: '热线电话',
  online: '网上举报',
  letter: '来信',
  visit: '来访',
} as const;
