import { randomUUID } from 'node:crypto';
import type { ConnectedTestApp } from '../../testing/connected-test-app';
import { eventually } from '../../testing/test-app';
import { itLeaksNoSecrets, watchConnectedApp } from '../../testing/watched-connected-app';
import { ConnectorNotFoundError, ConnectorRateLimitError, ConnectorTransientError } from '../errors/connector-errors';
import { HubSpotConnector } from './hubspot.connector';

/** What the execution module relies on: a marked task found again, strict removal, abort, one attempt. */
describe('HubSpot task calls of an execution, against the sandbox', () => {
  let t: ConnectedTestApp;
  let hubspot: HubSpotConnector;
  const watched = watchConnectedApp({ CONNECTOR_RETRY_BASE_MS: '20', CONNECTOR_MAX_RETRY_WAIT_MS: '1500' });

  beforeAll(() => {
    t = watched().app;
    hubspot = t.app.get(HubSpotConnector);
  });

  const token = () => `caseyos${randomUUID().replace(/-/g, '')}`;
  const newTask = (marker: string) => ({
    subject: 'Call back about pricing',
    body: `They asked for the annual plan.\n\nCaseyOS ref: ${marker}`,
    dueAt: new Date(Date.now() + 86_400_000),
  });
  const abortAfter = (ms: number) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), ms);
    return controller.signal;
  };
  const served = async () => (await t.sandbox.state()).faults.served.length;
  const liveTask = async (id: string) => (await t.sandbox.state()).hubspot.tasks.find((task) => task.id === id);

  it('finds a task by the token in its body, and only by the whole token', async () => {
    const marker = token();
    expect(await hubspot.findTasksByToken(marker)).toEqual([]);
    const { id } = await hubspot.createTask(newTask(marker), { retries: false });
    expect(await liveTask(id)).toMatchObject({ subject: 'Call back about pricing', body: expect.stringContaining(marker), status: 'NOT_STARTED' });
    expect(await hubspot.findTasksByToken(marker, { retries: false })).toEqual([{ id }]);
    expect(await hubspot.findTasksByToken(marker.slice(0, -1))).toEqual([]);
    await expect(hubspot.findTasksByToken('caseyos-not-one-token')).rejects.toThrow('letters and digits');
    expect(await hubspot.deleteTask(id)).toBe(true);
    expect(await hubspot.findTasksByToken(marker)).toEqual([]);
  });

  it('shows the exact create body and sends that', async () => {
    const marker = token();
    const body = hubspot.taskCreateRequest({ ...newTask(marker), priority: 'HIGH', type: 'CALL', contactId: '101' });
    expect(body).toEqual({
      properties: expect.objectContaining({
        hs_task_subject: 'Call back about pricing',
        hs_task_priority: 'HIGH',
        hs_task_type: 'CALL',
        hs_task_status: 'NOT_STARTED',
      }),
      associations: [{ to: { id: '101' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] }],
    });
    const { id } = await hubspot.createTask({ ...newTask(marker), priority: 'HIGH', type: 'CALL', contactId: '101' });
    expect(await liveTask(id)).toMatchObject({ priority: 'HIGH', type: 'CALL', contactIds: ['101'], body: body.properties.hs_task_body });
    await hubspot.deleteTask(id);
  });

  it('deletes strictly: true once gone, false when HubSpot says no such task, an unknown route throws', async () => {
    const { id } = await hubspot.createTask(newTask(token()));
    expect(await hubspot.deleteTask(id, { retries: false })).toBe(true);
    expect(await liveTask(id)).toBeUndefined();
    // HubSpot's archive answers 204 for any id; the read before it is what says "not there".
    expect(await hubspot.deleteTask(id)).toBe(false);
    expect(await hubspot.deleteTask('999999999')).toBe(false);

    await t.sandbox.fault({ service: 'hubspot', kind: 'route_not_found', route: 'GET /crm/v3/objects/tasks/:taskId' });
    const error = await hubspot.deleteTask('999999999').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorNotFoundError);
    expect(error).toMatchObject({ status: 404, objectMissing: false });

    // The archive itself answering an unknown route is a failure too, and the task stays.
    const kept = await hubspot.createTask(newTask(token()));
    await t.sandbox.fault({ service: 'hubspot', kind: 'route_not_found', route: 'DELETE /crm/v3/objects/tasks/:taskId' });
    await expect(hubspot.deleteTask(kept.id)).rejects.toMatchObject({ kind: 'not_found', objectMissing: false });
    expect(await liveTask(kept.id)).toBeDefined();
    expect(await hubspot.deleteTask(kept.id)).toBe(true);
  });

  it('cancels a create held by latency at once, closing the request; the task still lands and is found by its token', async () => {
    const marker = token();
    await t.sandbox.fault({ service: 'hubspot', kind: 'latency', latency_ms: 2000, route: 'POST /crm/v3/objects/tasks' });
    const started = performance.now();
    const error = await hubspot.createTask(newTask(marker), { signal: abortAfter(150), retries: false }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(ConnectorTransientError);
    expect(error).toMatchObject({ reason: 'AbortError', retryable: true });
    expect(await hubspot.findTasksByToken(marker)).toEqual([]);

    const found = await eventually(async () => {
      const [task] = await hubspot.findTasksByToken(marker);
      expect(task).toBeDefined();
      return task;
    }, 10_000);
    expect(await hubspot.deleteTask(found.id)).toBe(true);
  });

  it('refuses at once, sending nothing, when the signal has aborted already', async () => {
    const before = await served();
    const tasks = (await t.sandbox.state()).hubspot.tasks.length;
    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', methods: ['POST'] });
    await expect(hubspot.createTask(newTask(token()), { signal: AbortSignal.abort() })).rejects.toMatchObject({ reason: 'AbortError' });
    expect(await served()).toBe(before);
    expect((await t.sandbox.state()).hubspot.tasks).toHaveLength(tasks);
  });

  it('makes one attempt with retries off: a 503 is thrown, not retried', async () => {
    await t.sandbox.fault({ service: 'hubspot', kind: 'server_error', status: 503, times: 2 });
    const before = await served();
    await expect(hubspot.findTasksByToken(token(), { retries: false })).rejects.toMatchObject({ kind: 'transient', status: 503 });
    expect(await served()).toBe(before + 1);
    expect(await hubspot.findTasksByToken(token())).toEqual([]);
  });

  it('still pauses every caller after a 429 with retries off', async () => {
    await t.sandbox.fault({ service: 'hubspot', kind: 'rate_limit' });
    const error = await hubspot.findTasksByToken(token(), { retries: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorRateLimitError);
    expect(error).toMatchObject({ reason: 'SECONDLY', retryAfterMs: 1000 });
    const started = performance.now();
    expect(await hubspot.findTasksByToken(token())).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('still refreshes once after an expired token with retries off', async () => {
    const refreshes = (await t.sandbox.state()).hubspot.oauth.refreshGrantsServed;
    await t.sandbox.fault({ service: 'hubspot', kind: 'expired_token' });
    expect(await hubspot.findTasksByToken(token(), { retries: false })).toEqual([]);
    expect((await t.sandbox.state()).hubspot.oauth.refreshGrantsServed).toBe(refreshes + 1);
  });

  itLeaksNoSecrets(watched, 6, { service: 'hubspot', route: 'POST /crm/v3/objects/tasks/search', call: () => hubspot.findTasksByToken(token()) });
});
