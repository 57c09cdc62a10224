import type { FastifyPluginAsync } from 'fastify';
import { faultHook } from '../faults/fault-hook';
import type { SandboxContext } from '../sandbox-context';
import { hubspotAuthHook } from './hubspot-auth-hook';
import { registerContactRoutes } from './hubspot-contact-routes';
import { registerDealRoutes } from './hubspot-deal-routes';
import { hubspotFaultProfile } from './hubspot-fault-profile';
import { registerPipelineRoutes } from './hubspot-pipeline-routes';
import { registerTaskBatchRoutes } from './hubspot-task-batch-routes';
import { registerTaskRoutes } from './hubspot-task-routes';

/** The CRM API (api.hubapi.com/crm/v3/...): bearer auth and rate limits first, then faults. */
export function hubspotCrmPlugin(ctx: SandboxContext): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('preHandler', hubspotAuthHook(ctx));
    scope.addHook(
      'preHandler',
      faultHook(ctx.faults, hubspotFaultProfile(ctx), () => ctx.clock.now()),
    );
    registerDealRoutes(scope, ctx);
    registerContactRoutes(scope, ctx);
    registerTaskRoutes(scope, ctx);
    registerTaskBatchRoutes(scope, ctx);
    registerPipelineRoutes(scope);
  };
}
