import type { FaultProfile } from '../faults/fault-hook';
import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxContext } from '../sandbox-context';
import { isSearchRoute } from './hubspot-auth-hook';

/** How injected faults look on the CRM API. */
export function hubspotFaultProfile(ctx: SandboxContext): FaultProfile {
  return {
    service: 'hubspot',
    specialKinds: () => ['expired_token'],
    respond: (fault, request) => {
      switch (fault.kind) {
        case 'rate_limit': {
          // Search has its own per-second limit; everything else hits the 10-second budget.
          const search = isSearchRoute(request.routeOptions.url);
          const max = String(ctx.settings.hubspotTenSecondLimit || 110);
          const headers: Record<string, string> = search
            ? {}
            : { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'X-HubSpot-RateLimit-Max': max, 'X-HubSpot-RateLimit-Remaining': '0' };
          return hubspotErrors.rateLimited(search ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING', 1, headers);
        }
        case 'expired_token':
          // The token really expires: retrying with it keeps failing until the client refreshes.
          if (request.sandboxAccessToken) ctx.hubspotGrants.expireAccess(request.sandboxAccessToken);
          return hubspotErrors.expiredToken(1);
        default:
          return hubspotErrors.serverError(fault.status);
      }
    },
  };
}
