/**
 * Test fixture (not exported from the package): the 2026 official calendar, from the State Council
 * General Office notice 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号, 2025-11-04).
 *
 *   元旦   Jan 1 (Thu) – Jan 3 (Sat) off; Jan 4 (Sun) worked
 *   春节   Feb 15 (Sun) – Feb 23 (Mon) off; Feb 14 (Sat) and Feb 28 (Sat) worked
 *   清明节 Apr 4 (Sat) – Apr 6 (Mon) off
 *   劳动节 May 1 (Fri) – May 5 (Tue) off; May 9 (Sat) worked
 *   端午节 Jun 19 (Fri) – Jun 21 (Sun) off
 *   中秋节 Sep 25 (Fri) – Sep 27 (Sun) off
 *   国庆节 Oct 1 (Thu) – Oct 7 (Wed) off; Sep 20 (Sun) and Oct 10 (Sat) worked
 */
import type { CalendarYear } from './working-calendar.ts';
import type { Season } from './business-hours.ts';

export const CHINA_2026: CalendarYear = {
  year: 2026,
  holidays: [
    // 元旦
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    // 春节
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    // 清明节
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    // 劳动节
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    // 端午节
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    // 中秋节
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    // 国庆节
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** Summer hours from 05-01, winter hours from 10-01 (so January–April is still winter). */
export const SEASONS: readonly Season[] = [
  { from: '05-01', hours: { open: '08:00', close: '18:00' } },
  { from: '10-01', hours: { open: '08:30', close: '17:30' } },
];
