import type { FastifyRequest } from 'fastify';

/** An absolute-form request target's scheme and authority (`http://host`), which routing ignores. */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i;

/**
 * The path a request was routed by: the matched route's pattern, or for a request no route
 * matched, its path decoded as the router reads it. Checks of "is this under /api/" must ask
 * this, never `request.url`: the raw target `/%61pi/audit` or `http://host/api/audit` reaches
 * `/api/audit`'s handler without starting with `/api/`.
 */
export function routedPath(request: FastifyRequest): string {
  return request.routeOptions.url ?? decodedPath(request);
}

/** The request's path as the router reads it: no scheme, host or query, escapes decoded. */
function decodedPath(request: FastifyRequest): string {
  const [target] = request.url.split('?', 1);
  const path = target.replace(ABSOLUTE_FORM, '') || '/';
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a malformed escape: the router did not match it either
  }
}
