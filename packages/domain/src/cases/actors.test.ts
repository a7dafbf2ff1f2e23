import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsOrOversees, mayRun, type CaseActor } from './actors.ts';
import type { Holder } from './model.ts';
import { CASE_COMMANDS } from './transitions.ts';

const clerk = (staffId: number): CaseActor => ({
  staffId,
  director: false,
  businessSection: false,
  approver: false,
});
const atWindow = (staffId: number): Holder => ({ staffId, windowId: 1, businessSection: false });
const SECTION: Holder = { staffId: null, windowId: null, businessSection: true };

describe('who may act on a case', () => {
  it('the holder may, a colleague with the same permission may not', () => {
    expect(mayRun('complete', atWindow(1), clerk(1))).toBe(true);
    expect(mayRun('complete', atWindow(1), clerk(2))).toBe(false);
    expect(mayRun('handOver', atWindow(1), clerk(2))).toBe(false);
    expect(mayRun('handOver', atWindow(1), { ...clerk(2), staffId: null })).toBe(false);
  });

  it('the director may act for any holder', () => {
    const director = { ...clerk(9), director: true };
    for (const command of CASE_COMMANDS.filter((c) => c !== 'extend')) {
      expect(mayRun(command, atWindow(1), director)).toBe(true);
      expect(mayRun(command, SECTION, director)).toBe(true);
    }
  });

  it('a case at the business section is the section’s', () => {
    const section = { ...clerk(7), businessSection: true };
    expect(mayRun('handOver', SECTION, section)).toBe(true);
    expect(mayRun('handOver', SECTION, clerk(1))).toBe(false);
    // …and a section member has no say over a case held at a window.
    expect(mayRun('complete', atWindow(1), section)).toBe(false);
  });

  it('an extension is approved by a leader, not done by the holder', () => {
    expect(mayRun('extend', atWindow(1), clerk(1))).toBe(false);
    expect(mayRun('extend', atWindow(1), { ...clerk(5), approver: true })).toBe(true);
  });

  it('property: without being director, holder or section member, nobody acts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        (holder, actor) => {
          expect(holdsOrOversees(atWindow(holder), clerk(actor))).toBe(holder === actor);
        },
      ),
    );
  });
});
