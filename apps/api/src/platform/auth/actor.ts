import type { FastifyRequest } from 'fastify';

/** Who made a request, for audit entries: the signed-in principal and the request id. */
export function actorOf(request: FastifyRequest): { actor: string; requestId: string } {
  return { actor: request.principal?.actor ?? 'anonymous', requestId: String(request.id) };
}
