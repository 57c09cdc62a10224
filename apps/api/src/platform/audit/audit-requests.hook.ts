import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { Pseudonyms } from '../crypto/pseudonyms';
import { routedPath } from '../http/routed-path';
import { pathWithoutAddresses } from '../personal-data/path-without-addresses';
import { AuditService } from './audit.service';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Writes one audit entry per state-changing /api request, refused ones included, before the
 * response leaves: a client that saw the answer can find its entry. An address in the path is
 * written as its pseudonym (DELETE /api/contacts/{email} would otherwise store what it erases).
 */
export function auditStateChangingRequests(fastify: FastifyInstance, audit: AuditService, pseudonyms: Pseudonyms): void {
  const logger = new Logger('Audit');
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!STATE_CHANGING.has(request.method) || !routedPath(request).startsWith('/api/')) return payload;
    const status = reply.statusCode;
    try {
      await audit.record({
        actor: request.principal?.actor ?? 'anonymous',
        action: `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
        // The target as sent (its addresses pseudonymised segment by segment), not as decoded.
        subject: pathWithoutAddresses(request.url.split('?')[0], pseudonyms),
        requestId: String(request.id),
        result: status < 400 ? 'success' : 'failure',
        statusCode: status,
      });
    } catch (error) {
      logger.error({ event: 'audit_write_failed', request_id: request.id, error: (error as Error).message });
    }
    return payload;
  });
}
