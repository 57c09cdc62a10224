import type { FastifyPluginAsync } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { registerGmailDraftRoutes } from './gmail-draft-routes';
import { registerGmailHistoryRoutes } from './gmail-history-routes';
import { registerGmailMessageRoutes } from './gmail-message-routes';
import { registerGmailSettingsRoutes } from './gmail-settings-routes';
import { addGoogleApiHooks } from './google-api-hooks';

/** Gmail API v1 (gmail.googleapis.com/gmail/v1/users/{userId}/...). */
export function gmailPlugin(ctx: SandboxContext): FastifyPluginAsync {
  return async (scope) => {
    addGoogleApiHooks(scope, ctx, 'gmail');
    registerGmailMessageRoutes(scope, ctx);
    registerGmailHistoryRoutes(scope, ctx);
    registerGmailDraftRoutes(scope, ctx);
    registerGmailSettingsRoutes(scope, ctx);
  };
}
