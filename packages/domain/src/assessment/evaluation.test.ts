import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttendanceSummary } from '../attendance/summary.ts';
import { formatIsoDate, parseIsoDate, shanghaiInstantOfDay } from '../calendar/civil.ts';
import {
  checkOpenCandidatesConfirmed,
  openCandidatesOfYear,
  PROPOSAL_RULES,
  proposeRating,
  summarizeEvaluation,
  type EvaluationFinding,
  type EvaluationSummary,
} from './evaluation.ts';
import { FINDING_LEVELS, type FindingLevel } from './findings.ts';
import { finding } from './fixtures.fixture.ts';
import { SOURCE_POLICY_2023 } from './policy.ts';
import { checkRating, ratingRank } from './rating.ts';

const ef = (
  id: string,
  date: string,
  level: FindingLevel,
  more: Partial<EvaluationFinding> = {},
): EvaluationFinding => ({
  ...finding(id, date, level, more),
  source: level === 'public_report' ? 'public_report' : 'inspection',
  serious: false,
  ...more,
});

const attendance = (more: Partial<AttendanceSummary> = {}): AttendanceSummary => ({
  days: 365,
  workingDays: 249,
  present: 240,
  late: 0,
  leftEarly: 0,
  absent: 0,
  onLeave: 9,
  missingSignOut: 0,
  missingSignIn: 0,
  lateMinutes: 0,
  earlyMinutes: 0,
  unexcusedMinutes: 0,
  ...more,
});

const summary = (
  findings: EvaluationFinding[],
  more: { attendance?: AttendanceSummary | null; overdueCases?: number } = {},
): EvaluationSummary =>
  summarizeEvaluation({
    year: 2026,
    attendance: more.attendance === undefined ? attendance() : more.attendance,
    findings,
    overdueCases: more.overdueCases ?? 0,
  });

describe('year-end evaluation summary', () => {
  it('counts the findings of the year only, not revoked, by level and by item', () => {
    const s = summary([
      ef('A', '2026-03-01', 'town', { item: 3 }),
      ef('B', '2026-04-01', 'town', { item: 3 }),
      ef('C', '2026-05-01', 'county', { item: 6 }),
      ef('D', '2026-06-01', 'public_report', { item: 5 }),
      ef('E', '2026-06-02', 'town', { revoked: true }),
      ef('F', '2025-12-31', 'town'),
      ef('G', '2027-01-01', 'town'),
    ]);
    expect(s.findings.total).toBe(4);
    expect(s.findings.byLevel).toMatchObject({ town: 2, county: 1, public_report: 1, province: 0 });
    expect(s.findings.byItem).toEqual([0, 0, 2, 0, 1, 1, 0, 0]);
    expect(s.findings.circulated).toBe(1);
    expect(s.findings.ids).toEqual(['A', 'B', 'C', 'D']);
    expect(s.complaints).toBe(1);
    expect(s.ratings).toBeNull();
    expect(s.cap).toBeNull();
  });

  it('fills 群众评价 with the year’s ratings, upheld contests excluded, without touching the proposal', () => {
    const base = { year: 2026, attendance: attendance(), findings: [], overdueCases: 0 };
    const none = summarizeEvaluation({ ...base, ratings: [] });
    expect(none.ratings).toBeNull();
    // A single rating, excluded as malicious: still nothing to show.
    expect(
      summarizeEvaluation({ ...base, ratings: [{ level: 'very_dissatisfied', excluded: true }] })
        .ratings,
    ).toBeNull();
    const rated = summarizeEvaluation({
      ...base,
      ratings: [
        { level: 'very_satisfied', excluded: false },
        { level: 'satisfied', excluded: false },
        { level: 'satisfied', excluded: false },
        { level: 'dissatisfied', excluded: false },
        { level: 'very_dissatisfied', excluded: true },
      ],
    });
    expect(rated.ratings).toMatchObject({
      total: 4,
      satisfied: 3,
      bad: 1,
      excluded: 1,
      ratePercent: 75,
      byLevel: { very_satisfied: 1, satisfied: 2, dissatisfied: 1, very_dissatisfied: 0 },
    });
    expect(proposeRating(rated)).toEqual(proposeRating(none));
  });

  it('carries the cap with the province findings causing it', () => {
    const s = summary([ef('P1', '2026-05-20', 'province')]);
    expect(s.cap).toEqual({ maxRating: '基本称职', findingIds: ['P1'] });
    expect(summary([ef('P1', '2026-05-20', 'province', { revoked: true })]).cap).toBeNull();
    expect(summary([ef('P1', '2026-05-20', 'province', { circulated: false })]).cap).toBeNull();
  });

  it('follows the policy flag for the cap', () => {
    const s = summarizeEvaluation({
      year: 2026,
      attendance: null,
      findings: [ef('P1', '2026-05-20', 'province')],
      overdueCases: 0,
      policies: [{ ...SOURCE_POLICY_2023, provinceCapsRating: false }],
    });
    expect(s.cap).toBeNull();
  });
});

describe('proposed rating', () => {
  it('proposes 称职 with no condition met, and never 优秀, saying when the group may consider it', () => {
    const p = proposeRating(summary([]));
    expect(p.rating).toBe('称职');
    expect(p.reasons[0]).toBe('未达到任何降等条件，建议称职');
    expect(p.reasons.join()).toMatch(/符合评优条件/);
    const late = proposeRating(summary([], { attendance: attendance({ late: 1 }) }));
    expect(late.rating).toBe('称职');
    expect(late.reasons.join()).not.toMatch(/评优/);
  });

  it('says so when attendance is missing, and does not count it', () => {
    const p = proposeRating(summary([], { attendance: null }));
    expect(p).toEqual({
      rating: '称职',
      reasons: ['未达到任何降等条件，建议称职', '考勤数据暂缺，未计入考勤情况'],
    });
  });

  it('caps at 基本称职 for a circulated province finding, naming it', () => {
    const p = proposeRating(summary([ef('P1', '2026-05-20', 'province')]));
    expect(p.rating).toBe('基本称职');
    expect(p.reasons).toEqual([
      '有省级巡查通报的问题（编号 P1），按规定不能确定为称职及以上 → 最高基本称职',
    ]);
  });

  it('基本称职 exactly from 2 days of unexcused absence, 不称职 from 5', () => {
    expect(proposeRating(summary([], { attendance: attendance({ absent: 1 }) })).rating).toBe(
      '称职',
    );
    const two = proposeRating(summary([], { attendance: attendance({ absent: 2 }) }));
    expect(two.rating).toBe('基本称职');
    expect(two.reasons).toEqual(['旷岗（无故缺勤）2 个工作日，达到 2 个工作日 → 最高基本称职']);
    expect(proposeRating(summary([], { attendance: attendance({ absent: 4 }) })).rating).toBe(
      '基本称职',
    );
    const five = proposeRating(summary([], { attendance: attendance({ absent: 5 }) }));
    expect(five).toEqual({
      rating: '不称职',
      reasons: ['旷岗（无故缺勤）5 个工作日，达到 5 个工作日 → 最高不称职'],
    });
  });

  it('late and early leaving: 11 times is fine, 12 lowers to 基本称职', () => {
    expect(
      proposeRating(summary([], { attendance: attendance({ late: 6, leftEarly: 5 }) })).rating,
    ).toBe('称职');
    expect(
      proposeRating(summary([], { attendance: attendance({ late: 6, leftEarly: 6 }) })).reasons,
    ).toEqual(['迟到 6 次、早退 6 次，合计达到 12 次 → 最高基本称职']);
  });

  it('findings: 2 fine, 3 基本称职, 6 不称职, with the items named', () => {
    const n = (k: number) =>
      Array.from({ length: k }, (_, i) => ef(`T${String(i)}`, '2026-03-01', 'town', { item: 2 }));
    expect(proposeRating(summary(n(2))).rating).toBe('称职');
    expect(proposeRating(summary(n(3))).reasons).toEqual([
      '全年问题 3 个，达到 3 个（第二项 3 个） → 最高基本称职',
    ]);
    expect(proposeRating(summary(n(6))).reasons).toEqual([
      '全年问题 6 个，达到 6 个（第二项 6 个） → 最高不称职',
    ]);
  });

  it('a serious finding proposes 不称职; a circulated county finding 基本称职', () => {
    expect(proposeRating(summary([ef('S', '2026-03-01', 'town', { serious: true })])).rating).toBe(
      '不称职',
    );
    expect(proposeRating(summary([ef('C', '2026-03-01', 'county')])).reasons).toEqual([
      '有县级及以上巡查通报的问题 1 个 → 最高基本称职',
    ]);
    expect(
      proposeRating(summary([ef('C', '2026-03-01', 'county', { circulated: false })])).rating,
    ).toBe('称职');
  });

  it('overdue cases from 3, complaints from 2', () => {
    expect(proposeRating(summary([], { overdueCases: 2 })).rating).toBe('称职');
    expect(proposeRating(summary([], { overdueCases: 3 })).reasons).toEqual([
      '超期办件 3 件，达到 3 件 → 最高基本称职',
    ]);
    const reports = [
      ef('R1', '2026-03-01', 'public_report'),
      ef('R2', '2026-04-01', 'public_report'),
    ];
    expect(proposeRating(summary(reports)).reasons).toContain(
      '经查实的群众投诉举报 2 件，达到 2 件 → 最高基本称职',
    );
  });

  it('lists every condition met and takes the lowest', () => {
    const p = proposeRating(
      summary([ef('P1', '2026-05-20', 'province')], { attendance: attendance({ absent: 7 }) }),
    );
    expect(p.rating).toBe('不称职');
    expect(p.reasons).toHaveLength(2);
  });
});

const arbFinding: fc.Arbitrary<EvaluationFinding> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    day: fc.integer({ min: 0, max: 800 }),
    level: fc.constantFrom(...FINDING_LEVELS),
    circulated: fc.boolean(),
    item: fc.integer({ min: 1, max: 8 }),
    revoked: fc.boolean(),
    serious: fc.boolean(),
    report: fc.boolean(),
  })
  .map((r) => ({
    id: r.id,
    personId: 1,
    date: formatIsoDate(parseIsoDate('2025-07-01')! + r.day),
    level: r.level,
    circulated: r.circulated,
    item: r.item as EvaluationFinding['item'],
    revoked: r.revoked,
    serious: r.serious,
    source: r.report ? 'public_report' : 'inspection',
  }));

const arbAttendance: fc.Arbitrary<AttendanceSummary | null> = fc.option(
  fc
    .record({
      late: fc.nat(30),
      leftEarly: fc.nat(30),
      absent: fc.nat(10),
    })
    .map((r) => attendance(r)),
);

const arbInput = fc.record({
  findings: fc.array(arbFinding, { maxLength: 12 }),
  attendance: arbAttendance,
  overdueCases: fc.nat(6),
});

describe('proposed rating, properties', () => {
  it('never above the cap, never 优秀, always explained', () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const p = proposeRating(summarizeEvaluation({ year: 2026, ...i }));
        expect(p.rating).not.toBe('优秀');
        expect(p.reasons.length).toBeGreaterThan(0);
        expect(checkRating(p.rating, i.findings, 2026).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('one more finding, absence or overdue case never raises the proposal', () => {
    fc.assert(
      fc.property(arbInput, arbFinding, fc.nat(3), (i, extra, more) => {
        const before = proposeRating(summarizeEvaluation({ year: 2026, ...i })).rating;
        const worse = {
          ...i,
          findings: [...i.findings, extra],
          overdueCases: i.overdueCases + more,
          attendance: i.attendance && { ...i.attendance, absent: i.attendance.absent + more },
        };
        const after = proposeRating(summarizeEvaluation({ year: 2026, ...worse })).rating;
        expect(ratingRank(after)).toBeGreaterThanOrEqual(ratingRank(before));
      }),
      { numRuns: 500 },
    );
  });

  it('the order of findings does not matter', () => {
    fc.assert(
      fc.property(arbInput, (i) => {
        const a = proposeRating(summarizeEvaluation({ year: 2026, ...i }));
        const b = proposeRating(
          summarizeEvaluation({ year: 2026, ...i, findings: [...i.findings].reverse() }),
        );
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('the thresholds are ordered (基本称职 before 不称职)', () => {
    expect(PROPOSAL_RULES.basicAbsentDays).toBeLessThan(PROPOSAL_RULES.unfitAbsentDays);
    expect(PROPOSAL_RULES.basicFindings).toBeLessThan(PROPOSAL_RULES.unfitFindings);
  });
});

describe('open violation candidates when the rating is decided', () => {
  /** An instant given as its Beijing date and time. */
  const at = (date: string, hh: number, mm: number) =>
    shanghaiInstantOfDay(parseIsoDate(date) ?? 0, hh * 60 + mm);
  const candidates = [
    { id: 3, deadlineAt: at('2026-01-01', 0, 10) }, // 2025-12-31 in UTC, 2026 in Beijing
    { id: 1, deadlineAt: at('2025-12-31', 23, 30) },
    { id: 2, deadlineAt: at('2025-03-02', 17, 30) },
    { id: 4, deadlineAt: at('2024-12-31', 17, 30) },
  ];

  it('those whose deadline fell in the year (Beijing) bear on its rating; others do not', () => {
    expect(openCandidatesOfYear(candidates, 2025).map((c) => c.id)).toEqual([2, 1]);
    expect(openCandidatesOfYear(candidates, 2026).map((c) => c.id)).toEqual([3]);
    expect(openCandidatesOfYear(candidates, 2023)).toEqual([]);
  });

  it('a rating with open candidates needs every one of them confirmed as seen', () => {
    const open = openCandidatesOfYear(candidates, 2025);
    expect(checkOpenCandidatesConfirmed(open, [])).toEqual({
      ok: false,
      code: 'OPEN_CANDIDATES',
      field: 'confirmOpenCandidates',
      details: { candidateIds: [2, 1] },
    });
    // A candidate raised after the decider looked is not covered by the confirmation.
    expect(checkOpenCandidatesConfirmed(open, [2])).toMatchObject({
      details: { candidateIds: [1] },
    });
    expect(checkOpenCandidatesConfirmed(open, [1, 2, 99]).ok).toBe(true);
    expect(checkOpenCandidatesConfirmed([], []).ok).toBe(true);
  });
});
