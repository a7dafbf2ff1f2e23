export * from './satisfaction.ts';
export * from './follow-up.ts';
export * from './stats.ts';
