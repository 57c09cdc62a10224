import { Injectable } from '@nestjs/common';
import { HEADERS, SESSION_COOKIE } from '@caseyos/contracts';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { constantTimeEquals, constantTimeMatcher } from './constant-time';
import { OperatorSession } from './operator-session.entity';
import { SessionsService } from './sessions.service';

export type Principal =
  | { kind: 'token'; actor: 'operator:token' }
  | { kind: 'session'; actor: string; session: OperatorSession }
  /** A caller proven by its own signature, e.g. a HubSpot webhook. */
  | { kind: 'signed'; actor: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; status: 401 | 403; slug: string; detail: string };

/** One place decides who a request is; the Nest guard and the docs hook both ask it. */
@Injectable()
export class OperatorAuthService {
  private readonly isOperatorToken: (candidate: string) => boolean;

  constructor(
    config: AppConfig,
    private readonly sessions: SessionsService,
  ) {
    this.isOperatorToken = constantTimeMatcher(config.ADMIN_TOKEN);
  }

  matchesOperatorToken(candidate: string): boolean {
    return this.isOperatorToken(candidate);
  }

  async authenticate(request: FastifyRequest): Promise<AuthOutcome> {
    const token = this.presentedToken(request);
    if (token !== undefined) {
      return this.matchesOperatorToken(token)
        ? { ok: true, principal: { kind: 'token', actor: 'operator:token' } }
        : { ok: false, status: 401, slug: 'unauthorized', detail: 'The operator token is not valid.' };
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (!cookie) {
      return {
        ok: false,
        status: 401,
        slug: 'unauthorized',
        detail: 'Sign in, or send the operator token as X-Admin-Token or Authorization: Bearer.',
      };
    }
    const session = await this.sessions.findActive(cookie);
    if (!session) return { ok: false, status: 401, slug: 'session-expired', detail: 'The session has ended; sign in again.' };
    // Cookies ride along on cross-site requests; the CSRF header proves the dashboard sent it.
    if (!SAFE_METHODS.has(request.method)) {
      const csrf = request.headers[HEADERS.csrfToken];
      if (typeof csrf !== 'string' || !constantTimeEquals(csrf, session.csrfToken)) {
        return { ok: false, status: 403, slug: 'csrf-token-missing', detail: 'Send the X-CSRF-Token header from the session.' };
      }
    }
    return { ok: true, principal: { kind: 'session', actor: `operator:session:${session.id.slice(0, 8)}`, session } };
  }

  private presentedToken(request: FastifyRequest): string | undefined {
    const header = request.headers[HEADERS.adminToken];
    if (typeof header === 'string') return header;
    const authorization = request.headers.authorization;
    if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
    return undefined;
  }
}
