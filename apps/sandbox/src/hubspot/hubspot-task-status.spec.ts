import type { Client } from '@hubspot/api-client';
import type { RunningSandbox } from '../sandbox-app';
import { control, failure, hubspotClient, startTestSandbox } from '../testing/sandbox-test-kit';

/** What the SDK throws for non-2xx answers (ApiException): status and parsed body. */
interface HubspotApiError {
  code: number;
  body: { status: string; category: string; message: string; context?: Record<string, string[]> };
}

const STATUS_PROPERTIES = ['hs_task_status', 'hs_task_completion_date'];

describe('HubSpot task status: update and batch read through @hubspot/api-client', () => {
  let sandbox: RunningSandbox;
  let client: Client;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    client = hubspotClient(sandbox);
  });

  afterAll(() => sandbox.close());
  afterEach(() => control(sandbox, 'DELETE', '/_sandbox/faults'));

  const newTask = async (properties: Record<string, string> = {}) =>
    (
      await client.crm.objects.tasks.basicApi.create({
        properties: { hs_timestamp: String(Date.now()), hs_task_subject: 'Follow up', ...properties },
        associations: [],
      })
    ).id;
  const update = (id: string, properties: Record<string, string>) => client.crm.objects.tasks.basicApi.update(id, { properties });
  const batchRead = (ids: string[], properties = STATUS_PROPERTIES) =>
    client.crm.objects.tasks.batchApi.readWithHttpInfo({ inputs: ids.map((id) => ({ id })), properties, propertiesWithHistory: [] });
  const sandboxNow = async () => Date.parse((await control(sandbox, 'GET', '/_sandbox/state')).body.now);

  it('starts a task NOT_STARTED; completing it stamps hs_task_completion_date from the sandbox clock, reopening clears it', async () => {
    const id = await newTask();
    const created = await client.crm.objects.tasks.basicApi.getById(id, STATUS_PROPERTIES);
    expect(created.properties).toMatchObject({ hs_task_status: 'NOT_STARTED', hs_task_completion_date: null });

    await control(sandbox, 'POST', '/_sandbox/clock', { advance_ms: 3_600_000 });
    const before = await sandboxNow();
    const completed = await update(id, { hs_task_status: 'COMPLETED' });
    expect(completed).toMatchObject({ id, archived: false, properties: { hs_task_status: 'COMPLETED', hs_object_id: id } });
    const stamp = completed.properties.hs_task_completion_date ?? '';
    expect(stamp).toMatch(/^\d+$/);
    expect(Number(stamp)).toBeGreaterThanOrEqual(before);
    expect(Number(stamp)).toBeGreaterThan(Date.now() + 3_000_000);
    expect(completed.updatedAt.getTime()).toBe(Number(stamp));

    // Another write leaves the stamp alone; only a status other than COMPLETED clears it.
    await update(id, { hs_task_body: 'Called, left a voicemail' });
    expect((await client.crm.objects.tasks.basicApi.getById(id, STATUS_PROPERTIES)).properties.hs_task_completion_date).toBe(stamp);
    const state = (await control(sandbox, 'GET', '/_sandbox/state')).body;
    expect(state.hubspot.tasks).toContainEqual(expect.objectContaining({ id, status: 'COMPLETED', completedAt: new Date(Number(stamp)).toISOString() }));
    const reopened = await update(id, { hs_task_status: 'IN_PROGRESS' });
    expect(reopened.properties).toMatchObject({ hs_task_status: 'IN_PROGRESS', hs_task_completion_date: null });
  });

  it('stamps a task created COMPLETED', async () => {
    const id = await newTask({ hs_task_status: 'COMPLETED' });
    const read = await client.crm.objects.tasks.basicApi.getById(id, STATUS_PROPERTIES);
    expect(read.properties.hs_task_completion_date).toMatch(/^\d+$/);
  });

  it("answers an update of an unknown or archived task with HubSpot's 404", async () => {
    const id = await newTask();
    await client.crm.objects.tasks.basicApi.archive(id);
    for (const missing of [id, '999999999']) {
      const error = await failure<HubspotApiError>(update(missing, { hs_task_status: 'COMPLETED' }));
      expect(error).toMatchObject({ code: 404, body: { status: 'error', category: 'OBJECT_NOT_FOUND', context: { id: [missing] } } });
    }
  });

  it('validates an update like HubSpot: allowed status options, read-only and unknown properties', async () => {
    const id = await newTask();
    const bad = await failure<HubspotApiError>(update(id, { hs_task_status: 'DONE', hs_task_completion_date: '1700000000000', no_such_prop: 'x' }));
    expect(bad.code).toBe(400);
    expect(bad.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    const problems = JSON.parse(bad.body.message.replace(/^Property values were not valid: /, '')) as { name: string; error: string; message: string }[];
    expect(problems.map((p) => [p.name, p.error])).toEqual([
      ['hs_task_status', 'INVALID_OPTION'],
      ['hs_task_completion_date', 'READ_ONLY_VALUE'],
      ['no_such_prop', 'PROPERTY_DOESNT_EXIST'],
    ]);
    expect(problems[0].message).toBe('DONE was not one of the allowed options: [NOT_STARTED, IN_PROGRESS, WAITING, COMPLETED, DEFERRED]');
    // Nothing of a refused update is applied.
    expect((await client.crm.objects.tasks.basicApi.getById(id, STATUS_PROPERTIES)).properties.hs_task_status).toBe('NOT_STARTED');

    const noProperties = await fetch(`${sandbox.url}/crm/v3/objects/tasks/${id}`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer sandbox-private-app-token', 'content-type': 'application/json' },
      body: JSON.stringify({ hs_task_status: 'COMPLETED' }),
    });
    expect(noProperties.status).toBe(400);
    expect(await noProperties.json()).toMatchObject({ category: 'VALIDATION_ERROR' });
  });

  it('batch reads tasks: 200 when all are found, in input order, with the properties asked for', async () => {
    const first = await newTask();
    const second = await newTask({ hs_task_status: 'WAITING' });
    const read = await batchRead([second, first]);
    expect(read.httpStatusCode).toBe(200);
    expect(read.data.status).toBe('COMPLETE');
    expect(read.data).not.toHaveProperty('errors');
    expect(read.data.startedAt).toBeInstanceOf(Date);
    expect(read.data.completedAt).toBeInstanceOf(Date);
    expect(read.data.results.map((r) => [r.id, r.properties.hs_task_status, r.archived])).toEqual([
      [second, 'WAITING', false],
      [first, 'NOT_STARTED', false],
    ]);
    expect(Object.keys(read.data.results[0].properties).sort()).toEqual([
      'hs_createdate',
      'hs_lastmodifieddate',
      'hs_object_id',
      'hs_task_completion_date',
      'hs_task_status',
    ]);
    // Without properties, HubSpot's defaults.
    const defaults = await batchRead([first], []);
    expect(Object.keys(defaults.data.results[0].properties).sort()).toEqual(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']);
  });

  it('batch reads with missing ids as HubSpot does: 207 Multi-Status, the missing ids under one OBJECT_NOT_FOUND error', async () => {
    const live = await newTask();
    const archived = await newTask();
    await client.crm.objects.tasks.basicApi.archive(archived);
    const read = await batchRead([live, archived, '999999999']);
    expect(read.httpStatusCode).toBe(207);
    expect(read.data.results.map((r) => r.id)).toEqual([live]);
    expect(read.data).toMatchObject({
      status: 'COMPLETE',
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not get some TASK objects, they may be deleted or not exist. Check that ids are valid.',
          context: { ids: [archived, '999999999'] },
        },
      ],
    });
    const none = await batchRead(['999999999']);
    expect(none.httpStatusCode).toBe(207);
    expect(none.data.results).toEqual([]);
  });

  it('validates a batch read: inputs required, at most 100', async () => {
    const tooMany = await failure<HubspotApiError>(
      client.crm.objects.tasks.batchApi.read({
        inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1) })),
        properties: [],
        propertiesWithHistory: [],
      }),
    );
    expect(tooMany).toMatchObject({
      code: 400,
      body: {
        category: 'VALIDATION_ERROR',
        message: 'The maximum number of inputs supported in a batch is 100. Please reduce the number of items and try again',
      },
    });
    const noInputs = await fetch(`${sandbox.url}/crm/v3/objects/tasks/batch/read`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-private-app-token', 'content-type': 'application/json' },
      body: JSON.stringify({ properties: ['hs_task_status'] }),
    });
    expect(noInputs.status).toBe(400);
    expect(await noInputs.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('lets faults target the new routes only', async () => {
    const id = await newTask();
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'server_error', route: 'PATCH /crm/v3/objects/tasks/:taskId' });
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'rate_limit', route: 'POST /crm/v3/objects/tasks/batch/read' });
    await client.crm.objects.tasks.basicApi.getById(id);
    await client.crm.objects.tasks.searchApi.doSearch({ limit: 1 });
    expect((await control(sandbox, 'GET', '/_sandbox/faults')).body.pending).toHaveLength(2);
    expect(await failure<HubspotApiError>(update(id, { hs_task_status: 'COMPLETED' }))).toMatchObject({ code: 503 });
    const limited = await failure<HubspotApiError>(batchRead([id]));
    expect(limited).toMatchObject({ code: 429, body: { policyName: 'TEN_SECONDLY_ROLLING' } });
    expect((await update(id, { hs_task_status: 'COMPLETED' })).properties.hs_task_status).toBe('COMPLETED');
    expect((await batchRead([id])).data.results[0].properties.hs_task_status).toBe('COMPLETED');
  });
});
