/**
 * What PostgreSQL is sent: every query node-postgres runs in this process, with its parameters, in
 * the order it is handed to the connection. The `pg` module is loaded as the server loads it, so the
 * wrapped client class is the one its pool uses; the wrapper is removed afterwards.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './server.ts';

export interface CapturedQuery {
  text: string;
  /** The parameters as node-postgres received them (Date, string, number, boolean, null). */
  values: unknown[];
}

type Query = (this: unknown, ...args: unknown[]) => unknown;

const serverRequire = createRequire(join(REPO_ROOT, 'packages', 'server', 'package.json'));
const pg = serverRequire('pg') as { Client: { prototype: { query: Query } } };

/** Run `fn`, recording every query sent by any node-postgres client of this process meanwhile. */
export async function captureQueries<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; queries: CapturedQuery[] }> {
  const proto = pg.Client.prototype;
  const original = proto.query;
  const queries: CapturedQuery[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === 'string') {
      queries.push({ text: first, values: Array.isArray(second) ? [...second] : [] });
    } else if (first && typeof first === 'object' && 'text' in first) {
      const q = first as { text: string; values?: unknown[] };
      queries.push({ text: q.text, values: q.values ? [...q.values] : [] });
    }
    return original.apply(this, args);
  };
  try {
    const result = await fn();
    return { result, queries };
  } finally {
    proto.query = original;
  }
}

/** A parameter as text, the way PostgreSQL reads it (null stays null). */
export function paramText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}
