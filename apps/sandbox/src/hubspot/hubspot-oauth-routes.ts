import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FaultProfile, faultHook, responseFaultHook } from '../faults/fault-hook';
import { hubspotErrorBody, hubspotErrors, hubspotOAuthError } from '../http/hubspot-errors';
import { redirectWith } from '../http/redirect-with';
import { SandboxHttpError } from '../http/sandbox-http-error';
import type { SandboxContext } from '../sandbox-context';
import type { AccessGrant, RefreshGrant } from '../world/oauth-grant-store';
import { HUBSPOT_PORTAL } from './hubspot-portal';

type TokenForm = Partial<Record<'grant_type' | 'client_id' | 'client_secret' | 'redirect_uri' | 'code' | 'refresh_token' | 'token', string>>;

function form(request: FastifyRequest): TokenForm {
  return typeof request.body === 'object' && request.body !== null ? request.body : {};
}

function oauthFaultProfile(ctx: SandboxContext): FaultProfile {
  return {
    service: 'hubspot_oauth',
    // expired_token on the token endpoint means the refresh token in use has been revoked.
    specialKinds: (request) => (form(request).grant_type === 'refresh_token' ? ['expired_token'] : []),
    respond: (fault, request) => {
      if (fault.kind === 'expired_token') {
        ctx.hubspotGrants.revokeRefresh(form(request).refresh_token ?? '');
        return hubspotOAuthError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      }
      if (fault.kind === 'rate_limit') return hubspotErrors.rateLimited('TEN_SECONDLY_ROLLING', 1, {});
      return hubspotErrors.serverError(fault.status);
    },
  };
}

/** HubSpot's answer to introspecting a token it does not know (or one issued to another app). */
const invalidToken = () =>
  new SandboxHttpError(
    400,
    hubspotErrorBody('Token is invalid', 'VALIDATION_ERROR', {
      context: { token: ['Token is invalid'] },
      errors: [{ code: '400', context: { token: ['Token is invalid'] }, in: 'token', message: 'Token is invalid', subCategory: 'OAUTH' }],
    }),
  );

/** What /oauth/v3/token/introspect says about a live access token (PublicAccessTokenInfoResponse). */
function accessTokenInfo(ctx: SandboxContext, grant: AccessGrant) {
  const now = ctx.clock.now();
  return {
    token_use: 'access_token',
    ...grantInfo(grant),
    signed_access_token: {
      appId: HUBSPOT_PORTAL.appId,
      expiresAt: grant.expiresAt,
      hubId: HUBSPOT_PORTAL.hubId,
      hublet: 'na1',
      installingUserId: HUBSPOT_PORTAL.userId,
      isPrivateDistribution: false,
      isServiceAccount: false,
      isUserLevel: false,
      newSignature: 'sandbox',
      scopeToScopeGroupPks: '',
      scopes: grant.scopes.join(' '),
      signature: 'sandbox',
      trialScopeToScopeGroupPks: '',
      trialScopes: '',
      userId: HUBSPOT_PORTAL.userId,
    },
    expires_in: Math.floor((grant.expiresAt - now) / 1000),
    is_private_distribution: false,
    token_type: 'access',
    ...ownerInfo(ctx),
  };
}

/** What it says about a live refresh token (PublicRefreshTokenInfoResponse). */
function refreshTokenInfo(ctx: SandboxContext, grant: RefreshGrant) {
  return { token_use: 'refresh_token', ...grantInfo(grant), token_type: 'refresh', ...ownerInfo(ctx) };
}

/** What introspection says of either kind of token: the grant and the portal it is for. */
function grantInfo(grant: AccessGrant | RefreshGrant) {
  return {
    active: true,
    token: grant.token,
    hub_id: HUBSPOT_PORTAL.hubId,
    user_id: HUBSPOT_PORTAL.userId,
    client_id: grant.clientId,
    app_id: HUBSPOT_PORTAL.appId,
    scopes: grant.scopes,
  };
}

function ownerInfo(ctx: SandboxContext) {
  return { user: ctx.world.account.email, hub_domain: HUBSPOT_PORTAL.hubDomain };
}

/**
 * HubSpot OAuth: the consent screen (app.hubspot.com/oauth/authorize, consented at once), the
 * token API (api.hubapi.com/oauth/v1/...) and v3 token introspection. Any client id and secret
 * are accepted; a code only works for the client and redirect URI it was issued to. Refresh
 * tokens do not rotate.
 */
export function registerHubspotOAuthRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const grants = () => ctx.hubspotGrants;
  const now = () => ctx.clock.now();
  const withFaults = { preHandler: faultHook(ctx.faults, oauthFaultProfile(ctx), now) };
  // Since August 2025 the token answer names the account and the scopes; legacy_token_response takes them out again.
  const tokenRoute = {
    ...withFaults,
    preSerialization: responseFaultHook(ctx.faults, 'hubspot_oauth', now),
    config: { responseFaults: { legacy_token_response: ['hub_id', 'scopes'] } },
  };

  app.get<{ Querystring: Record<string, string | undefined> }>('/oauth/authorize', async (request, reply) => {
    const { client_id: clientId, redirect_uri: redirectUri, scope = '', optional_scope: optionalScope = '', state } = request.query;
    if (!clientId || !redirectUri || !URL.canParse(redirectUri)) {
      throw new SandboxHttpError(400, hubspotErrorBody('client_id and a valid redirect_uri are required', 'VALIDATION_ERROR'));
    }
    const scopes = grants().grantAtConsent(`${scope} ${optionalScope}`.split(/[\s+]+/).filter(Boolean));
    const code = grants().issueCode({ clientId, redirectUri, scopes, offline: true, forcedConsent: false });
    return reply.redirect(redirectWith(redirectUri, { code: code.code, state }), 302);
  });

  app.post('/oauth/v1/token', tokenRoute, async (request) => {
    const body = form(request);
    if (!body.client_id) throw hubspotOAuthError('BAD_CLIENT_ID', 'missing or unknown client id');
    if (!body.client_secret) throw hubspotOAuthError('BAD_CLIENT_SECRET', 'missing or invalid client secret');
    let refreshToken: string;
    let scopes: string[];
    if (body.grant_type === 'authorization_code') {
      const code = grants().redeemCode(body.code ?? '');
      if (!code) throw hubspotOAuthError('BAD_AUTH_CODE', 'missing or unknown auth code');
      if (code.clientId !== body.client_id) throw hubspotOAuthError('BAD_CLIENT_ID', 'missing or unknown client id');
      if (code.redirectUri !== body.redirect_uri) throw hubspotOAuthError('BAD_REDIRECT_URI', 'redirect_uri does not match initial authorization request');
      scopes = code.scopes;
      refreshToken = grants().issueRefresh(body.client_id, scopes).token;
    } else if (body.grant_type === 'refresh_token') {
      const refresh = grants().useRefresh(body.refresh_token ?? '');
      if (!refresh) throw hubspotOAuthError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      if (refresh.clientId !== body.client_id) throw hubspotOAuthError('BAD_CLIENT_ID', 'missing or unknown client id');
      scopes = refresh.scopes;
      refreshToken = refresh.token;
    } else {
      throw hubspotOAuthError('BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token');
    }
    const access = grants().issueAccess(body.client_id, scopes, ctx.settings.hubspotAccessTokenTtlSec);
    return {
      token_type: 'bearer',
      refresh_token: refreshToken,
      hub_id: HUBSPOT_PORTAL.hubId,
      scopes,
      access_token: access.token,
      expires_in: ctx.settings.hubspotAccessTokenTtlSec,
    };
  });

  // RFC 7662 in HubSpot's words: an expired or revoked token is `active: false`; one never issued to this app is a 400.
  app.post('/oauth/v3/token/introspect', withFaults, async (request) => {
    const body = form(request);
    if (!body.client_id || !body.client_secret) {
      throw new SandboxHttpError(400, hubspotErrorBody('client_id and client_secret are required', 'VALIDATION_ERROR'));
    }
    const token = body.token ?? '';
    const access = grants().findAccess(token);
    if (access?.clientId === body.client_id) return access.expiresAt > now() ? accessTokenInfo(ctx, access) : { active: false };
    const refresh = grants().issuedRefresh(token);
    if (refresh?.clientId === body.client_id) return refresh.revoked ? { active: false } : refreshTokenInfo(ctx, refresh);
    throw invalidToken();
  });

  /** Deprecated in HubSpot's spec in favour of the introspection above; still served, as HubSpot still does. */
  app.get<{ Params: { token: string } }>('/oauth/v1/access-tokens/:token', withFaults, async (request) => {
    const grant = grants().findAccess(request.params.token);
    const at = now();
    if (!grant) throw new SandboxHttpError(404, hubspotErrorBody('Token not found', 'OBJECT_NOT_FOUND'));
    if (grant.expiresAt <= at) throw hubspotErrors.expiredToken(at - grant.expiresAt);
    return {
      token: grant.token,
      user: ctx.world.account.email,
      hub_domain: HUBSPOT_PORTAL.hubDomain,
      scopes: grant.scopes,
      hub_id: HUBSPOT_PORTAL.hubId,
      app_id: HUBSPOT_PORTAL.appId,
      expires_in: Math.floor((grant.expiresAt - at) / 1000),
      user_id: HUBSPOT_PORTAL.userId,
      token_type: 'access',
    };
  });

  app.get<{ Params: { token: string } }>('/oauth/v1/refresh-tokens/:token', withFaults, async (request) => {
    const grant = grants().findRefresh(request.params.token);
    if (!grant) throw new SandboxHttpError(404, hubspotErrorBody('Token not found', 'OBJECT_NOT_FOUND'));
    return {
      token: grant.token,
      user: ctx.world.account.email,
      hub_domain: HUBSPOT_PORTAL.hubDomain,
      scopes: grant.scopes,
      hub_id: HUBSPOT_PORTAL.hubId,
      client_id: grant.clientId,
      user_id: HUBSPOT_PORTAL.userId,
      token_type: 'refresh',
    };
  });

  app.delete<{ Params: { token: string } }>('/oauth/v1/refresh-tokens/:token', withFaults, async (request, reply) => {
    if (!grants().findRefresh(request.params.token)) throw new SandboxHttpError(404, hubspotErrorBody('Token not found', 'OBJECT_NOT_FOUND'));
    grants().revokeRefresh(request.params.token);
    reply.code(204).send();
  });
}
