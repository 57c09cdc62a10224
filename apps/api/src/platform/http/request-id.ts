import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * Fastify's genReqId: a client's X-Request-ID is echoed when it is safe to log, else a new
 * UUID. The request's log line and error lines carry it.
 */
export function requestIdFor(raw: IncomingMessage): string {
  const offered = raw.headers['x-request-id'];
  return typeof offered === 'string' && VALID_REQUEST_ID.test(offered) ? offered : randomUUID();
}
