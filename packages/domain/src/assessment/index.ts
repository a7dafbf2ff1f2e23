export * from './policy.ts';
export * from './periods.ts';
export * from './money.ts';
export * from './pool.ts';
export * from './findings.ts';
export * from './settlement.ts';
export * from './rating.ts';
export * from './appeals.ts';
