import type { preHandlerAsyncHookHandler } from 'fastify';
import { readBearerToken } from '../http/bearer-token';
import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxContext } from '../sandbox-context';
import type { HubspotTokenKind } from './hubspot-rate-limiter';

/**
 * Bearer auth for the CRM API: the private-app token (every scope) or a live OAuth access token
 * holding one of the route's scopes (`hubspotScopes`). Also counts the call against HubSpot's rate
 * limits and sets the rate-limit headers, which HubSpot leaves off search responses.
 */
export function hubspotAuthHook(ctx: SandboxContext): preHandlerAsyncHookHandler {
  return async (request, reply) => {
    const token = readBearerToken(request);
    const now = ctx.clock.now();
    let kind: HubspotTokenKind = 'private';
    if (!token || token !== ctx.settings.hubspotPrivateAppToken) {
      const grant = token ? ctx.hubspotGrants.findAccess(token) : undefined;
      if (!grant) throw hubspotErrors.missingCredentials();
      if (grant.expiresAt <= now) throw hubspotErrors.expiredToken(now - grant.expiresAt);
      const required = request.routeOptions.config.hubspotScopes ?? [];
      if (required.length > 0 && !grant.scopes.some((scope) => required.includes(scope))) throw hubspotErrors.missingScopes(required);
      kind = 'oauth';
    }
    request.sandboxAccessToken = token ?? null;
    const isSearch = isSearchRoute(request.routeOptions.url);
    const decision = ctx.hubspotLimiter.check(kind, isSearch, now, {
      tenSecond: ctx.settings.hubspotTenSecondLimit,
      searchPerSecond: ctx.settings.hubspotSearchPerSecondLimit,
    });
    const headers = isSearch ? {} : decision.headers;
    if (decision.violation) throw hubspotErrors.rateLimited(decision.violation.policy, decision.violation.retryAfterSec, headers);
    reply.headers(headers);
  };
}

export function isSearchRoute(url: string | undefined): boolean {
  return url?.endsWith('/search') ?? false;
}
