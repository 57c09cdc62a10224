import 'fastify';
import type { FaultKind } from '../faults/fault-types';

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
  }
}
