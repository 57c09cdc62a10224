import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FaultProfile, faultHook } from '../faults/fault-hook';
import { readBearerToken } from '../http/bearer-token';
import { googleErrors, googleOAuthError } from '../http/google-errors';
import { redirectWith } from '../http/redirect-with';
import type { SandboxContext } from '../sandbox-context';

type TokenForm = Partial<Record<'grant_type' | 'client_id' | 'client_secret' | 'redirect_uri' | 'code' | 'refresh_token' | 'token', string>>;

/** Form fields, with client credentials also accepted from HTTP Basic auth (client_secret_basic). */
function tokenForm(request: FastifyRequest): TokenForm {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as TokenForm;
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!basic) return body;
  const [clientId, clientSecret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
  return { client_id: clientId, client_secret: clientSecret, ...body };
}

function oauthFaultProfile(ctx: SandboxContext): FaultProfile {
  return {
    service: 'google_oauth',
    // expired_token on the token endpoint means the refresh token in use has been revoked.
    specialKinds: (request) => (tokenForm(request).grant_type === 'refresh_token' ? ['expired_token'] : []),
    respond: (fault, request) => {
      if (fault.kind === 'expired_token') {
        ctx.googleGrants.revokeRefresh(tokenForm(request).refresh_token ?? '');
        return googleOAuthError('invalid_grant', 'Token has been expired or revoked.');
      }
      return fault.kind === 'rate_limit' ? googleErrors.rateLimited() : googleErrors.serverError(fault.status);
    },
  };
}

/**
 * Google OAuth 2.0: consent (accounts.google.com/o/oauth2/v2/auth, consented at once), token,
 * tokeninfo and revoke (oauth2.googleapis.com). As with Google, a refresh token needs
 * access_type=offline and is only issued on a client's first consent or with prompt=consent.
 */
export function registerGoogleOAuthRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const grants = () => ctx.googleGrants;
  const withFaults = { preHandler: faultHook(ctx.faults, oauthFaultProfile(ctx), () => ctx.clock.now()) };

  app.get<{ Querystring: Record<string, string | undefined> }>('/o/oauth2/v2/auth', async (request, reply) => {
    const { client_id: clientId, redirect_uri: redirectUri, response_type: responseType, scope, state } = request.query;
    if (!clientId || !redirectUri || !URL.canParse(redirectUri) || responseType !== 'code' || !scope) {
      throw googleOAuthError('invalid_request', 'client_id, redirect_uri, response_type=code and scope are required');
    }
    const scopes = grants().grantAtConsent(scope.split(/\s+/).filter(Boolean));
    const code = grants().issueCode({
      clientId,
      redirectUri,
      scopes,
      offline: request.query.access_type === 'offline',
      forcedConsent: (request.query.prompt ?? '').split(/\s+/).includes('consent'),
    });
    return reply.redirect(redirectWith(redirectUri, { state, code: code.code, scope: scopes.join(' ') }), 302);
  });

  app.post('/token', withFaults, async (request) => {
    const body = tokenForm(request);
    if (!body.client_id) throw googleOAuthError('invalid_client', 'The OAuth client was not found.', 401);
    if (!body.client_secret) throw googleOAuthError('invalid_request', 'client_secret is missing.');
    const ttl = ctx.settings.googleAccessTokenTtlSec;
    if (body.grant_type === 'authorization_code') {
      const code = grants().redeemCode(body.code ?? '');
      if (!code || code.clientId !== body.client_id) throw googleOAuthError('invalid_grant', 'Malformed auth code.');
      if (code.redirectUri !== body.redirect_uri) throw googleOAuthError('redirect_uri_mismatch', 'Bad Request');
      const firstConsent = grants().firstConsent(code.clientId);
      const refresh = code.offline && (firstConsent || code.forcedConsent) ? grants().issueRefresh(code.clientId, code.scopes) : undefined;
      const access = grants().issueAccess(code.clientId, code.scopes, ttl);
      return {
        access_token: access.token,
        expires_in: ttl,
        ...(refresh ? { refresh_token: refresh.token } : {}),
        scope: code.scopes.join(' '),
        token_type: 'Bearer',
      };
    }
    if (body.grant_type === 'refresh_token') {
      const refresh = grants().useRefresh(body.refresh_token ?? '');
      if (!refresh) throw googleOAuthError('invalid_grant', 'Token has been expired or revoked.');
      if (refresh.clientId !== body.client_id) throw googleOAuthError('unauthorized_client', 'Unauthorized', 401);
      const access = grants().issueAccess(refresh.clientId, refresh.scopes, ttl);
      return { access_token: access.token, expires_in: ttl, scope: refresh.scopes.join(' '), token_type: 'Bearer' };
    }
    throw googleOAuthError('unsupported_grant_type', `Invalid grant_type: ${body.grant_type ?? ''}`);
  });

  // google-auth-library's getTokenInfo POSTs with the token as bearer; browsers GET with a query.
  app.route<{ Querystring: { access_token?: string } }>({
    method: ['GET', 'POST'],
    url: '/tokeninfo',
    ...withFaults,
    handler: async (request) => {
      const grant = grants().findAccess(request.query.access_token ?? readBearerToken(request) ?? '');
      const now = ctx.clock.now();
      if (!grant || grant.expiresAt <= now) throw googleOAuthError('invalid_token', 'Invalid Value');
      return {
        azp: grant.clientId,
        aud: grant.clientId,
        scope: grant.scopes.join(' '),
        exp: String(Math.floor(grant.expiresAt / 1000)),
        expires_in: String(Math.floor((grant.expiresAt - now) / 1000)),
        email: ctx.world.account.email,
        email_verified: 'true',
        access_type: 'offline',
      };
    },
  });

  app.post<{ Querystring: { token?: string } }>('/revoke', withFaults, async (request) => {
    const token = request.query.token ?? tokenForm(request).token ?? '';
    if (grants().findRefresh(token)) grants().revokeRefresh(token);
    else if (grants().findAccess(token)) grants().expireAccess(token);
    else throw googleOAuthError('invalid_token', 'Token expired or revoked');
    return {};
  });
}
