import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from './errors.ts';

/** Methods that change nothing; every other one changes state and must come from our own pages. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A URL or `Origin` value as scheme://host[:port], with default ports and letter case normalised. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The origins the console is served from: BIANMIN_PUBLIC_ORIGIN when set, else the one the browser
 * asked for — the Host header, or X-Forwarded-Host and X-Forwarded-Proto behind a trusted proxy
 * (Fastify's `request.host` and `request.protocol` follow BIANMIN_TRUST_PROXY).
 */
function ownOrigins(request: FastifyRequest, config: Config): string[] {
  if (config.publicOrigins.length > 0) return config.publicOrigins;
  const own = originOf(`${request.protocol}://${request.host}`);
  return own ? [own] : [];
}

/** The address the public reaches this installation at: what a notice's QR code opens. */
export const publicOrigin = (request: FastifyRequest, config: Config): string =>
  ownOrigins(request, config)[0] ?? `${request.protocol}://${request.host}`;

/**
 * State-changing requests only from the app's own origin (issue 9 C1; docs/security.md "Requests
 * from other sites").
 *
 * - A browser says where a request comes from: `Sec-Fetch-Site` (anything but `same-origin`, or `none`
 *   for what the user typed, is refused — another port of the same host is `same-site`, and refused)
 *   and `Origin` (refused unless it is one of ours; `null` too). Either one that is wrong is enough.
 * - A request with neither header is not from a browser page (curl, scripts, the tests' inject): no
 *   cookie of a signed-in user rides on it by itself, so it is let through to the session check.
 * - Fastify's `text/plain` parser is removed: the one body type a page of another site can send
 *   without asking first, so even a browser that sent no Origin cannot post a form that parses.
 *
 * Runs on onRequest, before the session is looked up and before the body is read.
 */
export function registerSameOrigin(app: FastifyInstance, config: Config) {
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      throw new AppError('CROSS_ORIGIN');
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const from = originOf(origin);
    if (from === null || !ownOrigins(request, config).includes(from))
      throw new AppError('CROSS_ORIGIN');
  });
}
