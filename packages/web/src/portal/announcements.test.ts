import type { PortalAnnouncement } from '@bianmin/contracts';
import { describe, expect, it } from 'vitest';
import { announcementRows } from './announcements.ts';

const published: PortalAnnouncement = {
  receiptNo: '001202603020007',
  itemName: '最低生活保障申请',
  applicantShown: '张*',
  completedOn: '2026-03-02',
  resultLine: '准予低保，自 2026 年 3 月起发放',
  publishedOn: '2026-03-03',
  until: '2026-03-09',
};

describe('an announcement on the public board', () => {
  it('gives the receipt number as printed, on one line, and dates in words', () => {
    expect(announcementRows(published)).toEqual([
      ['受理编号', '001-20260302-0007', 'nowrap'],
      ['申请人', '张*'],
      ['办结日期', '2026年3月2日'],
      ['办理结果', '准予低保，自 2026 年 3 月起发放'],
      ['公告至', '3月9日'],
    ]);
  });

  it('shows the applicant exactly as published: masked or an enterprise in full', () => {
    const firm = { ...published, applicantShown: '青石镇绿源农业专业合作社' };
    expect(announcementRows(firm)[1]).toEqual(['申请人', '青石镇绿源农业专业合作社']);
  });

  it('says the last day on the board by month and day, into the next year too', () => {
    expect(announcementRows({ ...published, until: '2027-01-01' })[4]).toEqual([
      '公告至',
      '1月1日',
    ]);
  });
});
