import 'fastify';
import type { FaultKind, ResponseFaultKind } from '../faults/fault-types';

declare module 'fastify' {
  interface FastifyRequest {
    /** The bearer token an auth hook accepted for this request (null before auth or without one). */
    sandboxAccessToken: string | null;
  }

  interface FastifyContextConfig {
    /** Google OAuth scopes of which the caller's token needs at least one. */
    googleScopes?: readonly string[];
    /** Faults only this route can suffer, beyond the generic ones. */
    faultKinds?: readonly FaultKind[];
    /** The fields each response fault takes out of this route's successful answer. */
    responseFaults?: Partial<Record<ResponseFaultKind, readonly string[]>>;
    /** HubSpot OAuth scopes of which the caller's token needs at least one (the private-app token has them all). */
    hubspotScopes?: readonly string[];
  }
}
