import type { FastifyRequest } from 'fastify';
import type { FaultProfile } from '../faults/fault-hook';
import { googleErrors } from '../http/google-errors';
import type { SandboxContext } from '../sandbox-context';

/** How injected faults look on Gmail and Calendar. */
export function googleApiFaultProfile(ctx: SandboxContext, service: 'gmail' | 'calendar'): FaultProfile {
  return {
    service,
    specialKinds: (request: FastifyRequest) => [
      'expired_token',
      ...(request.routeOptions.config.faultKinds ?? []).filter(
        // A stale sync token only matters to a list that sends one.
        (kind) => kind !== 'sync_token_expired' || (request.query as Record<string, unknown>).syncToken !== undefined,
      ),
    ],
    respond: (fault, request) => {
      switch (fault.kind) {
        case 'rate_limit':
          return googleErrors.rateLimited();
        case 'expired_token':
          // The token really expires, so the client has to refresh before it can go on.
          if (request.sandboxAccessToken) ctx.googleGrants.expireAccess(request.sandboxAccessToken);
          return googleErrors.unauthenticated();
        case 'stale_history_id':
          return googleErrors.gmailNotFound();
        case 'sync_token_expired':
          return googleErrors.calendarFullSyncRequired();
        default:
          return googleErrors.serverError(fault.status);
      }
    },
  };
}
