export * from './figures.ts';
export * from './months.ts';
export * from './working-time.ts';
