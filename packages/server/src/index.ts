/** What other workspaces (bench, e2e) may use of the server. */
export { buildApp, type AppOptions } from './app.ts';
export { systemClock, type Clock } from './clock.ts';
export { loadConfig, type Config } from './config.ts';
export { openDatabase, type Db, type DbTarget } from './db/connect.ts';
export { DEMO_PASSWORD, seedDemo } from './demo/seed.ts';
