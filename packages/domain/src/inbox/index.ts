export * from './kinds.ts';
export * from './routing.ts';
export * from './warning.ts';
export * from './digest.ts';
