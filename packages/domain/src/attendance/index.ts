export * from './day.ts';
export * from './leave.ts';
export * from './post.ts';
export * from './summary.ts';
export * from './stored.ts';
