import { describe, expect, it } from 'vitest';
import {
  can,
  isCrossCenter,
  mayGrant,
  OVERSIGHT_ROLES,
  permissionsOf,
  PERMISSIONS,
  ROLES,
} from './roles.ts';

describe('roles and permissions', () => {
  it('denies by default: a role with no grant of a permission cannot use it', () => {
    expect(can(['window_staff'], 'users.manage')).toBe(false);
    expect(can([], 'org.read')).toBe(false);
  });

  it('lets the center admin manage the organization and accounts but not centers', () => {
    expect(can(['center_admin'], 'org.manage')).toBe(true);
    expect(can(['center_admin'], 'users.manage')).toBe(true);
    expect(can(['center_admin'], 'centers.manage')).toBe(false);
    // …but keeps her own center's address and service phone up to date for the public.
    expect(ROLES.filter((r) => can([r], 'centers.contact')).sort()).toEqual([
      'center_admin',
      'county_admin',
    ]);
  });

  it('gives the audit trail to the assessment group only', () => {
    const readers = ROLES.filter((r) => can([r], 'audit.read'));
    expect(readers.sort()).toEqual(['assessment_deputy', 'assessment_leader', 'assessment_member']);
    expect(can(['assessment_member'], 'audit.verify')).toBe(false);
    expect(can(['assessment_leader'], 'audit.verify')).toBe(true);
  });

  it('unions the permissions of several roles', () => {
    const p = permissionsOf(['window_staff', 'assessment_leader']);
    expect(p.has('audit.read')).toBe(true);
    expect(p.has('org.read')).toBe(true);
    expect([...p].every((x) => (PERMISSIONS as readonly string[]).includes(x))).toBe(true);
  });

  it('binds everyone but the county admin to one center', () => {
    expect(isCrossCenter(['county_admin'])).toBe(true);
    expect(ROLES.filter((r) => isCrossCenter([r]))).toEqual(['county_admin']);
  });

  it('lets nobody grant more than they may', () => {
    expect(mayGrant(['center_admin'], 'county_admin')).toBe(false);
    expect(mayGrant(['center_admin'], 'window_staff')).toBe(true);
    expect(mayGrant(['county_admin'], 'county_admin')).toBe(true);
    expect(ROLES.some((r) => mayGrant(['director'], r))).toBe(false);
  });

  it('leaves the roles that judge others (assessment group, supervising leader, director) to the county admin', () => {
    for (const role of OVERSIGHT_ROLES) {
      expect(mayGrant(['center_admin'], role), role).toBe(false);
      expect(mayGrant(['center_admin', 'director'], role), role).toBe(false);
      expect(mayGrant(['county_admin'], role), role).toBe(true);
    }
    expect(ROLES.filter((r) => mayGrant(['center_admin'], r)).sort()).toEqual(
      ['business_section', 'center_admin', 'duty_officer', 'window_staff'].sort(),
    );
    // Every permission that decides over another person sits only in roles a center admin cannot grant.
    for (const p of [
      'assessment.manage',
      'settlements.approve',
      'evaluations.decide',
      'violations.decide',
      'regulations.sign',
      'attendance.read',
      'audit.read',
    ] as const)
      expect(
        ROLES.filter((r) => can([r], p) && mayGrant(['center_admin'], r)),
        p,
      ).toEqual([]);
  });
});
