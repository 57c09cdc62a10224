import type { FastifyRequest } from 'fastify';
import { SandboxHttpError } from './sandbox-http-error';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** The /_sandbox control API is a test tool: only callers on this machine may use it. */
export async function requireLoopback(request: FastifyRequest): Promise<void> {
  if (!LOOPBACK.has(request.ip)) {
    throw new SandboxHttpError(403, { error: 'the sandbox control API only answers loopback clients' });
  }
}
