import type { Principal } from '../auth/operator-auth.service';
import type { InFlightRequests } from './in-flight-requests';

declare module 'fastify' {
  interface FastifyInstance {
    /** Waited on at shutdown so no accepted request is cut off. */
    inFlightRequests: InFlightRequests;
  }

  interface FastifyRequest {
    /** Set by the auth guard; read by the audit hook and controllers. */
    principal?: Principal;
    /** The JSON body exactly as received, for signature checks. */
    rawBody?: string;
  }
}
