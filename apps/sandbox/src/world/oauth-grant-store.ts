import { randomBytes } from 'node:crypto';
import type { SandboxClock } from './sandbox-clock';

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  /** Google only hands out a refresh token for offline access. */
  offline: boolean;
  /** Google re-issues a refresh token only when consent is asked for again. */
  forcedConsent: boolean;
}

export interface AccessGrant {
  token: string;
  clientId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}

export interface RefreshGrant {
  token: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
}

const CODE_TTL_MS = 10 * 60_000;

/**
 * Codes and tokens one provider has issued. It outlives POST /_sandbox/reset, so a connected
 * integration stays connected when a test reseeds the world.
 */
export class OAuthGrantStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly consentedClients = new Set<string>();
  private refreshGrantsServed = 0;
  private withheldAtNextConsent: string[] = [];

  constructor(
    private readonly prefixes: { code: string; access: string; refresh: string },
    private readonly clock: SandboxClock,
  ) {}

  issueCode(input: Omit<AuthorizationCode, 'code' | 'expiresAt'>): AuthorizationCode {
    const grant = { ...input, code: this.secret(this.prefixes.code), expiresAt: this.clock.now() + CODE_TTL_MS };
    this.codes.set(grant.code, grant);
    return grant;
  }

  /** The next consent grants what is asked for but these scopes, as when a person unticks them on the consent screen. */
  withholdAtNextConsent(scopes: string[]): void {
    this.withheldAtNextConsent = [...scopes];
  }

  /** The scopes a consent grants: those requested, less any withheld for this one consent. */
  grantAtConsent(requested: string[]): string[] {
    const withheld = this.withheldAtNextConsent;
    this.withheldAtNextConsent = [];
    return requested.filter((scope) => !withheld.includes(scope));
  }

  /** Codes are single-use; returns undefined for unknown, expired or reused codes. */
  redeemCode(code: string): AuthorizationCode | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAt > this.clock.now() ? grant : undefined;
  }

  /** True the first time a client is consented to, as Google tracks per user and client. */
  firstConsent(clientId: string): boolean {
    const first = !this.consentedClients.has(clientId);
    this.consentedClients.add(clientId);
    return first;
  }

  issueAccess(clientId: string, scopes: string[], ttlSec: number): AccessGrant {
    const now = this.clock.now();
    const grant = { token: this.secret(this.prefixes.access), clientId, scopes, issuedAt: now, expiresAt: now + ttlSec * 1000 };
    this.access.set(grant.token, grant);
    return grant;
  }

  issueRefresh(clientId: string, scopes: string[]): RefreshGrant {
    const grant = { token: this.secret(this.prefixes.refresh), clientId, scopes, revoked: false };
    this.refresh.set(grant.token, grant);
    return grant;
  }

  findAccess(token: string): AccessGrant | undefined {
    return this.access.get(token);
  }

  /** A refresh token this store issued, revoked or not. */
  issuedRefresh(token: string): RefreshGrant | undefined {
    return this.refresh.get(token);
  }

  /** A live refresh token, without using it. */
  findRefresh(token: string): RefreshGrant | undefined {
    const grant = this.refresh.get(token);
    return grant && !grant.revoked ? grant : undefined;
  }

  /** A live refresh token, counted as used. */
  useRefresh(token: string): RefreshGrant | undefined {
    const grant = this.findRefresh(token);
    if (grant) this.refreshGrantsServed += 1;
    return grant;
  }

  /** Makes a token really expired (fault injection), so only a refresh gets the client going again. */
  expireAccess(token: string): void {
    const grant = this.access.get(token);
    if (grant) grant.expiresAt = Math.min(grant.expiresAt, this.clock.now() - 1);
  }

  revokeRefresh(token: string): void {
    const grant = this.refresh.get(token);
    if (grant) grant.revoked = true;
  }

  summary() {
    const now = this.clock.now();
    const access = [...this.access.values()];
    return {
      accessTokensIssued: access.length,
      accessTokensLive: access.filter((g) => g.expiresAt > now).length,
      refreshTokensIssued: this.refresh.size,
      refreshTokensRevoked: [...this.refresh.values()].filter((g) => g.revoked).length,
      refreshGrantsServed: this.refreshGrantsServed,
      pendingCodes: this.codes.size,
      withheldAtNextConsent: [...this.withheldAtNextConsent],
    };
  }

  private secret(prefix: string): string {
    return `${prefix}${randomBytes(24).toString('base64url')}`;
  }
}
