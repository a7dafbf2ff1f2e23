import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** The path of a request's URL, its query string left out. */
export const pathOf = (url: string): string => {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
};

/** What a log line says of a request: never its query string. */
const requestOf = (request: FastifyRequest) => ({
  method: request.method,
  path: pathOf(request.url),
  route: request.routeOptions.url ?? null,
});

/**
 * Fastify's own request logging, as the center's logs should be: one line per answered request with
 * its `reqId` (as every line of the request), method, path, route pattern, status and milliseconds,
 * instead of two lines each; and never the query string, which carries query codes
 * (`/api/public/case-status?…&queryCode=`) and what staff search for (names, phones).
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      ...requestOf(request),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    request.log.info(requestOf(request), 'route not found');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    const line = { ...requestOf(request), status: reply.statusCode, err: error };
    if (reply.statusCode >= 500) reply.log.error(line, error.message);
    else reply.log.info(line, error.message);
  }
}
