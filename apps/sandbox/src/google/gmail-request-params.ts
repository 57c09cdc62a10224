import { SandboxHttpError } from '../http/sandbox-http-error';
import { googleErrors } from '../http/google-errors';
import type { SandboxContext } from '../sandbox-context';

/** Gmail addresses the mailbox as "me" or by its address; any other user is someone else's mailbox. */
export function assertOwnMailbox(ctx: SandboxContext, userId: string): void {
  if (userId === 'me' || userId.toLowerCase() === ctx.world.account.email) return;
  throw new SandboxHttpError(403, {
    error: {
      code: 403,
      message: `Delegation denied for ${ctx.world.account.email}`,
      errors: [{ message: `Delegation denied for ${ctx.world.account.email}`, domain: 'global', reason: 'forbidden' }],
      status: 'PERMISSION_DENIED',
    },
  });
}

/** A repeated query parameter (googleapis sends arrays as `name=a&name=b`). */
export function listParam(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Gmail's maxResults: defaults to 100 and is silently capped at 500. */
export function pageSize(value: unknown): number {
  if (value === undefined) return 100;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) throw googleErrors.gmailInvalid('Invalid maxResults');
  return Math.min(size, 500);
}
