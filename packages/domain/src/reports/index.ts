export * from './reports.ts';
export * from './decision-term.ts';
