import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { assertOwnMailbox } from './gmail-request-params';
import { GMAIL_SETTINGS_READ_SCOPES } from './google-scopes';

/** users.settings.sendAs.list: the primary address and one verified alias. */
export function registerGmailSettingsRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  scope.get<{ Params: { userId: string } }>(
    '/gmail/v1/users/:userId/settings/sendAs',
    { config: { googleScopes: GMAIL_SETTINGS_READ_SCOPES } },
    async (request) => {
      assertOwnMailbox(ctx, request.params.userId);
      const { account } = ctx.world;
      return {
        sendAs: [
          { sendAsEmail: account.email, displayName: account.name, replyToAddress: '', signature: '', isPrimary: true, isDefault: true },
          {
            sendAsEmail: account.alias,
            displayName: `${account.name} (Sales)`,
            replyToAddress: '',
            signature: '',
            isPrimary: false,
            isDefault: false,
            treatAsAlias: true,
            verificationStatus: 'accepted',
          },
        ],
      };
    },
  );
}
