import type { FastifyPluginAsync } from 'fastify';
import { parseFaultInput } from '../faults/fault-types';
import { requireLoopback } from '../http/loopback-guard';
import type { SandboxContext } from '../sandbox-context';
import { patchSettings } from '../sandbox-settings';
import { generateActivity } from '../world/activity-generator';
import { ACTIVITY_KINDS, type ActivityKind } from '../world/activity-kinds';
import { controlErrors } from './control-errors';
import { registerGmailReplyRoute } from './gmail-reply-route';
import { sandboxState } from './sandbox-state';

const { badRequest } = controlErrors;

function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw badRequest(['body must be a JSON object']);
  return body as Record<string, unknown>;
}

/** Runs one tick of the activity generator (used by the timer and POST /_sandbox/tick). */
export function tick(ctx: SandboxContext, kinds?: ActivityKind[], count?: number) {
  const generated = generateActivity(ctx.world, kinds, count);
  return {
    generated,
    gmailHistoryId: String(ctx.world.mailbox.historyId),
    calendarChangeSeq: ctx.world.calendar.changeSeq,
  };
}

/** The /_sandbox test API: state, reset, ticks, faults, clock, settings and scripted replies. Loopback clients only. */
export function sandboxControlPlugin(ctx: SandboxContext): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('onRequest', requireLoopback);

    scope.get('/_sandbox/health', async () => ({ status: 'ok' }));

    scope.get('/_sandbox/state', async () => sandboxState(ctx));

    scope.post('/_sandbox/reset', async (request) => {
      const { seed } = objectBody(request.body);
      if (seed !== undefined && (!Number.isInteger(seed) || (seed as number) < 0)) throw badRequest(['seed must be a non-negative integer']);
      ctx.reset(seed as number | undefined);
      return { seed: ctx.world.seed, gmailHistoryId: String(ctx.world.mailbox.historyId) };
    });

    scope.post('/_sandbox/tick', async (request) => {
      const { events, count = 1 } = objectBody(request.body);
      const problems: string[] = [];
      if (events !== undefined && (!Array.isArray(events) || events.some((e) => !ACTIVITY_KINDS.includes(e as ActivityKind)))) {
        problems.push(`events must be a list of: ${ACTIVITY_KINDS.join(', ')}`);
      }
      if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 50) problems.push('count must be an integer from 1 to 50');
      if (problems.length > 0) throw badRequest(problems);
      return tick(ctx, events as ActivityKind[] | undefined, count as number);
    });

    scope.get('/_sandbox/faults', async () => sandboxState(ctx).faults);

    scope.post('/_sandbox/faults', async (request, reply) => {
      const { fault, problems } = parseFaultInput(request.body);
      if (!fault) throw badRequest(problems);
      reply.code(201);
      return ctx.faults.add(fault);
    });

    scope.delete('/_sandbox/faults', async () => ({ cleared: ctx.faults.clear() }));

    scope.post('/_sandbox/clock', async (request) => {
      const { advance_ms: advanceMs } = objectBody(request.body);
      if (!Number.isInteger(advanceMs) || (advanceMs as number) < 0) throw badRequest(['advance_ms must be a non-negative integer']);
      ctx.clock.advance(advanceMs as number);
      return { offsetMs: ctx.clock.offset, now: new Date(ctx.clock.now()).toISOString() };
    });

    // The next consent of the provider grants what the client asks for but these scopes.
    scope.post('/_sandbox/consent', async (request) => {
      const { provider, withhold } = objectBody(request.body);
      const problems: string[] = [];
      if (provider !== 'hubspot' && provider !== 'google') problems.push('provider must be hubspot or google');
      if (!Array.isArray(withhold) || withhold.length === 0 || withhold.some((scope) => typeof scope !== 'string' || scope === '')) {
        problems.push('withhold must be a non-empty list of scopes');
      }
      if (problems.length > 0) throw badRequest(problems);
      (provider === 'hubspot' ? ctx.hubspotGrants : ctx.googleGrants).withholdAtNextConsent(withhold as string[]);
      return { provider, withhold };
    });

    scope.get('/_sandbox/settings', async () => sandboxState(ctx).settings);

    scope.patch('/_sandbox/settings', async (request) => {
      const problems = patchSettings(ctx.settings, request.body);
      if (problems.length > 0) throw badRequest(problems);
      return sandboxState(ctx).settings;
    });

    registerGmailReplyRoute(scope, ctx);
  };
}
