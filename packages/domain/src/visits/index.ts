export * from './visits.ts';
export * from './callouts.ts';
