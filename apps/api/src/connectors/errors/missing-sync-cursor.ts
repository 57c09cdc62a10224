import type { IntegrationProvider } from '@caseyos/contracts';
import { ConnectorTransientError } from './connector-errors';

/**
 * A sync answer that did not say where to continue from. Stored as it came (empty), the next run
 * would start over without a word and a first sync makes no signals; so it is a failure, on the
 * Integrations board and the job's beat, and nothing is saved: the next run tries again.
 */
export function missingSyncCursor(provider: IntegrationProvider, operation: string, field: string): ConnectorTransientError {
  return new ConnectorTransientError(provider, `${operation} answered without a ${field}; the sync cursor was not saved and the next run syncs again`, {
    reason: 'MISSING_SYNC_CURSOR',
  });
}
