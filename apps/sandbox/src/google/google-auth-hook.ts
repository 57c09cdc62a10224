import type { preHandlerAsyncHookHandler } from 'fastify';
import { readBearerToken } from '../http/bearer-token';
import { googleErrors } from '../http/google-errors';
import type { SandboxContext } from '../sandbox-context';

/**
 * Bearer auth for Gmail and Calendar: a live access token from the sandbox's Google OAuth,
 * holding at least one of the route's scopes. Expired tokens get the same 401 as unknown ones,
 * as with Google.
 */
export function googleAuthHook(ctx: SandboxContext, service: 'gmail' | 'calendar'): preHandlerAsyncHookHandler {
  return async (request) => {
    const token = readBearerToken(request);
    const grant = token ? ctx.googleGrants.findAccess(token) : undefined;
    if (!grant || grant.expiresAt <= ctx.clock.now()) throw googleErrors.unauthenticated();
    const required = request.routeOptions.config.googleScopes ?? [];
    if (required.length > 0 && !grant.scopes.some((s) => required.includes(s))) throw googleErrors.insufficientScopes(service, required);
    request.sandboxAccessToken = grant.token;
  };
}
