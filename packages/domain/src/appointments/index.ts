export * from './policy.ts';
export * from './slots.ts';
export * from './booking.ts';
export * from './code.ts';
