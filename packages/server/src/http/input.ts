import type { FastifyInstance } from 'fastify';
import { fieldsError } from './errors.ts';

const NUL = '\u0000';

/**
 * The paths of every string (or object key) that holds U+0000 in a parsed input: "q",
 * "applicant.name", "holidays.2.name" (`whole` when the input itself is the string). Walked without
 * recursion, so no nesting depth can overflow it.
 */
export function nulPaths(input: unknown, whole = 'body'): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[input, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL)) found.push(path === '' ? whole : path);
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, child] of Object.entries(value)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (key.includes(NUL)) found.push(at);
        else stack.push([child, at]);
      }
    }
  }
  return found.sort();
}

/**
 * U+0000 anywhere in a request's input is bad input, refused before any route sees it: PostgreSQL
 * cannot store it in text or jsonb, and it ended in a 500 (issue 9 C5). One hook for every route —
 * body, query string and path parameters — answering 400 INVALID_CHARACTER naming each field.
 */
export function registerInputCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const fields = [
      ...nulPaths(request.body),
      ...nulPaths(request.query),
      ...nulPaths(request.params),
    ];
    if (fields.length > 0) throw fieldsError('INVALID_CHARACTER', [...new Set(fields)]);
  });
}
