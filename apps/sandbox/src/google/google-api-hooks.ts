import type { FastifyInstance } from 'fastify';
import { faultHook, responseFaultHook } from '../faults/fault-hook';
import type { SandboxContext } from '../sandbox-context';
import { googleAuthHook } from './google-auth-hook';
import { googleApiFaultProfile } from './google-fault-profile';

/**
 * What every Google API route of the sandbox goes through, in order: bearer auth with scopes,
 * then the injected faults of the API (before the handler, and on its answer).
 */
export function addGoogleApiHooks(scope: FastifyInstance, ctx: SandboxContext, api: 'gmail' | 'calendar'): void {
  const now = () => ctx.clock.now();
  scope.addHook('preHandler', googleAuthHook(ctx, api));
  scope.addHook('preHandler', faultHook(ctx.faults, googleApiFaultProfile(ctx, api), now));
  scope.addHook('preSerialization', responseFaultHook(ctx.faults, api, now));
}
