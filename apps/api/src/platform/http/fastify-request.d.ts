import type { Principal } from '../auth/operator-auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth guard; read by the audit hook and controllers. */
    principal?: Principal;
    /** The JSON body exactly as received, for signature checks. */
    rawBody?: string;
  }
}
