export * from './model.ts';
export * from './term.ts';
export * from './transitions.ts';
export * from './identity.ts';
export * from './fees.ts';
export * from './numbers.ts';
