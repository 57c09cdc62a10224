import type { IntegrationProvider } from '@caseyos/contracts';
import { classifyConnectorError } from './errors/classify-connector-error';
import { IntegrationsService } from './oauth/integrations.service';

/**
 * Runs a sync read and puts its outcome on the Integrations board: last sync time on success,
 * last error on failure (rethrown classified). Cursors are saved separately, once the caller has
 * stored what the sync returned, so a crash in between re-reads rather than loses.
 */
export async function recordingSync<T>(integrations: IntegrationsService, provider: IntegrationProvider, sync: () => Promise<T>): Promise<T> {
  try {
    const result = await sync();
    await integrations.recordSuccess(provider);
    return result;
  } catch (error) {
    const classified = classifyConnectorError(provider, error);
    await integrations.recordError(provider, classified.message).catch(() => undefined);
    throw classified;
  }
}
