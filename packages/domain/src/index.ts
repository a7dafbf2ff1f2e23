export * from './shared/result.ts';
export * from './auth/roles.ts';
export * from './auth/password.ts';
export * from './auth/throttle.ts';
export * from './audit/canonical.ts';
export * from './org/staff.ts';
export * from './calendar/index.ts';
export * from './cases/index.ts';
