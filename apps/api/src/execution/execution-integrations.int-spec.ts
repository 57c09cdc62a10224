import { ActionType, IntegrationProvider } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { ConnectedTestApp, startConnectedTestApp } from '../testing/connected-test-app';
import { apiOf, expectStatus, newMove } from '../testing/execution-test-kit';

describe('an execute whose provider is not connected', () => {
  let t: ConnectedTestApp;
  let api: ReturnType<typeof apiOf>;
  beforeAll(async () => {
    // The hour's limits count every execution in the shared table, other suites' too: room enough here.
    t = await startConnectedTestApp({ EXECUTION_LIMITS_PER_HOUR: 'send_email=1000,create_task=1000', EXECUTION_CONTACT_TOUCHES_PER_WEEK: '1000' });
    api = apiOf(t);
    expectStatus(await api('POST', '/api/admin/emergency-stop', { body: { active: false } }), 200);
  });
  afterAll(() => t.close());

  it.each<[ActionType, IntegrationProvider]>([
    ['send_email', 'google'],
    ['create_task', 'hubspot'],
  ])(
    '%s with %s disconnected: 409 integration-not-connected, nothing claimed (found by the fuzzer: a 502 and a failed execution)',
    async (actionType, provider) => {
      const move = await newMove(t, actionType);
      // Planned once while connected: what planning reads from the provider (the sender) is cached,
      // so the plan no longer asks the provider and only the run would find it gone.
      expectStatus(await api('POST', `/api/command-queue/${move.id}/execute?dry_run=true`), 200);
      expectStatus(await api('DELETE', `/api/integrations/${provider}`), 204);
      try {
        const refused = await api('POST', `/api/command-queue/${move.id}/execute`, { headers: { 'x-idempotency-key': randomUUID() } });
        expectStatus(refused, 409);
        expect(refused.body).toMatchObject({ type: 'urn:caseyos:problem:integration-not-connected', detail: expect.stringContaining(provider) });
        expect((await api('GET', `/api/executions?item_id=${move.id}&dry_run=false`)).body.items).toEqual([]);
        expect((await api('GET', `/api/command-queue/${move.id}`)).body.status).toBe('pending');

        await t.reconnect(provider);
        expectStatus(await api('POST', `/api/command-queue/${move.id}/execute`, { headers: { 'x-idempotency-key': randomUUID() } }), 200);
      } finally {
        if ((await t.integration(provider)).status !== 'connected') await t.reconnect(provider);
      }
    },
  );
});
