import type { FastifyPluginAsync } from 'fastify';
import { faultHook, responseFaultHook } from '../faults/fault-hook';
import type { SandboxContext } from '../sandbox-context';
import { registerGmailDraftRoutes } from './gmail-draft-routes';
import { registerGmailHistoryRoutes } from './gmail-history-routes';
import { registerGmailMessageRoutes } from './gmail-message-routes';
import { registerGmailSettingsRoutes } from './gmail-settings-routes';
import { googleAuthHook } from './google-auth-hook';
import { googleApiFaultProfile } from './google-fault-profile';

/** Gmail API v1 (gmail.googleapis.com/gmail/v1/users/{userId}/...). */
export function gmailPlugin(ctx: SandboxContext): FastifyPluginAsync {
  return async (scope) => {
    scope.addHook('preHandler', googleAuthHook(ctx, 'gmail'));
    scope.addHook(
      'preHandler',
      faultHook(ctx.faults, googleApiFaultProfile(ctx, 'gmail'), () => ctx.clock.now()),
    );
    scope.addHook(
      'preSerialization',
      responseFaultHook(ctx.faults, 'gmail', () => ctx.clock.now()),
    );
    registerGmailMessageRoutes(scope, ctx);
    registerGmailHistoryRoutes(scope, ctx);
    registerGmailDraftRoutes(scope, ctx);
    registerGmailSettingsRoutes(scope, ctx);
  };
}
