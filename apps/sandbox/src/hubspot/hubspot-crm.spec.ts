import { AssociationTypes, type Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/deals';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/tasks';
import type { RunningSandbox } from '../sandbox-app';
import { control, failure, hubspotClient, hubspotOAuthToken, startTestSandbox } from '../testing/sandbox-test-kit';

/** What the SDK throws for non-2xx answers (ApiException): status, parsed body, headers. */
interface HubspotApiError {
  code: number;
  body: Record<string, unknown> | string;
  headers: Record<string, string>;
}

const HUBSPOT_DEFINED = AssociationSpecAssociationCategoryEnum.HubspotDefined;

describe('HubSpot CRM through @hubspot/api-client', () => {
  let sandbox: RunningSandbox;
  let client: Client;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    client = hubspotClient(sandbox);
  });

  afterAll(() => sandbox.close());

  afterEach(async () => {
    await control(sandbox, 'DELETE', '/_sandbox/faults');
    await control(sandbox, 'PATCH', '/_sandbox/settings', { hubspotSearchResultCap: 10_000, hubspotSearchPerSecondLimit: 0 });
  });

  const modifiedSince = (since: number, after?: string, limit = 4) =>
    client.crm.deals.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: FilterOperatorEnum.Gte, value: String(since) }] }],
      // The SDK types sorts as string[]; HubSpot's documented object form goes through unchanged.
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' } as unknown as string],
      properties: ['dealname', 'dealstage', 'amount', 'hs_lastmodifieddate'],
      limit,
      after,
    });

  it('pages deals modified since a cursor in ascending order with `after`', async () => {
    const since = Date.now() - 8 * 86_400_000;
    const seen: { id: string; modified: number }[] = [];
    let after: string | undefined;
    let total: number;
    do {
      const page = await modifiedSince(since, after);
      total = page.total;
      seen.push(...page.results.map((r) => ({ id: r.id, modified: Date.parse(String(r.properties.hs_lastmodifieddate)) })));
      expect(page.results.length).toBeLessThanOrEqual(4);
      after = page.paging?.next?.after;
    } while (after);

    expect(total).toBeGreaterThan(4);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((s) => s.id)).size).toBe(total);
    expect(seen.every((s) => s.modified >= since)).toBe(true);
    expect(seen.map((s) => s.modified)).toEqual([...seen.map((s) => s.modified)].sort((a, b) => a - b));
    const all = await client.crm.deals.searchApi.doSearch({ limit: 100 });
    expect(all.total).toBe(15);
    expect(total).toBeLessThan(15);
  });

  it('accepts the string sort forms the SDK types allow ("name" ascending, "-name" descending)', async () => {
    const modified = async (sort: string) =>
      (await client.crm.deals.searchApi.doSearch({ sorts: [sort], limit: 200 })).results.map((r) => Date.parse(String(r.properties.hs_lastmodifieddate)));
    const ascending = await modified('hs_lastmodifieddate');
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await modified('-hs_lastmodifieddate')).toEqual([...ascending].reverse());
  });

  it('shows a stage change from a tick to the next search from the last cursor', async () => {
    const cursor = Date.now();
    const { body } = await control(sandbox, 'POST', '/_sandbox/tick', { events: ['deal_stage_forward', 'deal_stage_backward'] });
    // The same deal may move twice; its last move is what HubSpot shows.
    const moved = new Map<string, string>(body.generated.map((g: { dealId: string; toStage: string }) => [g.dealId, g.toStage]));
    expect(moved.size).toBeGreaterThan(0);

    const page = await modifiedSince(cursor, undefined, 200);
    expect(page.results.map((r) => [r.id, r.properties.dealstage])).toEqual(expect.arrayContaining([...moved]));
  });

  it("answers HubSpot's 400 once `after` reaches the result cap, so the caller must move its window", async () => {
    await control(sandbox, 'PATCH', '/_sandbox/settings', { hubspotSearchResultCap: 10 });
    const since = 0;
    const first = await modifiedSince(since, undefined, 5);
    const second = await modifiedSince(since, first.paging?.next?.after, 5);
    expect(second.paging?.next?.after).toBe('10');

    const error = await failure<HubspotApiError>(modifiedSince(since, '10', 5));
    expect(error.code).toBe(400);
    expect(error.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', message: 'There was a problem with the request.' });

    // Moving the window: a new GTE from the last modified date seen restarts at after=0.
    const last = second.results[second.results.length - 1].properties.hs_lastmodifieddate;
    const moved = await modifiedSince(Date.parse(String(last)), undefined, 5);
    expect(moved.results[0].properties.hs_lastmodifieddate).toBe(last);
  });

  it('refuses filters on unknown properties like HubSpot', async () => {
    const error = await failure<HubspotApiError>(
      client.crm.deals.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: 'no_such_prop', operator: FilterOperatorEnum.Eq, value: 'x' }] }] }),
    );
    expect(error.code).toBe(400);
  });

  it('serves the deal pipeline with stage labels and metadata', async () => {
    const pipelines = await client.crm.pipelines.pipelinesApi.getAll('deals');
    expect(pipelines.results).toHaveLength(1);
    const stages = pipelines.results[0].stages;
    expect(stages.map((s) => s.id)).toEqual([
      'appointmentscheduled',
      'qualifiedtobuy',
      'presentationscheduled',
      'decisionmakerboughtin',
      'contractsent',
      'closedwon',
      'closedlost',
    ]);
    expect(stages[5]).toMatchObject({ label: 'Closed Won', displayOrder: 5, metadata: { isClosed: 'true', probability: '1' } });
    expect(stages[0].createdAt).toBeInstanceOf(Date);

    const byId = await client.crm.pipelines.pipelinesApi.getById('deals', 'default');
    expect(byId.label).toBe('Sales Pipeline');
    expect((await failure<HubspotApiError>(client.crm.pipelines.pipelinesApi.getById('deals', 'nope'))).code).toBe(404);
  });

  it('gets a deal with its contact associations', async () => {
    const [deal] = (await client.crm.deals.searchApi.doSearch({ limit: 1 })).results;
    const full = await client.crm.deals.basicApi.getById(deal.id, ['dealname', 'amount', 'dealstage'], undefined, ['contacts']);
    const amount = Number(full.properties.amount);
    expect(amount).toBeGreaterThanOrEqual(5_000);
    expect(amount).toBeLessThanOrEqual(250_000);
    expect(full.associations?.contacts.results.length).toBeGreaterThan(0);
    expect(full.associations?.contacts.results[0].type).toBe('deal_to_contact');
    expect((await failure<HubspotApiError>(client.crm.deals.basicApi.getById('999999'))).code).toBe(404);
  });

  it('finds a contact by email, by id property and by search', async () => {
    const { results } = await client.crm.contacts.searchApi.doSearch({ limit: 1, properties: ['email', 'company'] });
    const email = String(results[0].properties.email);
    expect(email).toMatch(/@[a-z-]+\.test$/);

    const byEmail = await client.crm.contacts.basicApi.getById(email.toUpperCase(), ['email', 'lifecyclestage'], undefined, undefined, false, 'email');
    expect(byEmail.id).toBe(results[0].id);
    expect(byEmail.properties.lifecyclestage).toBeTruthy();

    const searched = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'email', operator: FilterOperatorEnum.Eq, value: email }] }],
    });
    expect(searched.results.map((r) => r.id)).toEqual([results[0].id]);

    const missing = await failure<HubspotApiError>(client.crm.contacts.basicApi.getById('nobody@example.com', undefined, undefined, undefined, false, 'email'));
    expect(missing.code).toBe(404);
    expect(missing.body).toMatchObject({ category: 'OBJECT_NOT_FOUND' });
  });

  it('creates a task associated to a contact and a deal, reads it back and deletes it', async () => {
    const [deal] = (await client.crm.deals.searchApi.doSearch({ limit: 1 })).results;
    const withContacts = await client.crm.deals.basicApi.getById(deal.id, undefined, undefined, ['contacts']);
    const contactId = withContacts.associations?.contacts.results[0].id ?? '';
    const due = new Date(Date.now() + 86_400_000).toISOString();

    const created = await client.crm.objects.tasks.basicApi.create({
      properties: {
        hs_timestamp: due,
        hs_task_subject: 'Follow up on pricing',
        hs_task_body: 'Send the annual option',
        hs_task_priority: 'HIGH',
        hs_task_type: 'EMAIL',
      },
      associations: [
        { to: { id: contactId }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: AssociationTypes.taskToContact }] },
        { to: { id: deal.id }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: AssociationTypes.taskToDeal }] },
      ],
    });
    expect(created.properties).toMatchObject({ hs_task_subject: 'Follow up on pricing', hs_task_status: 'NOT_STARTED', hs_object_id: created.id });

    const read = await client.crm.objects.tasks.basicApi.getById(created.id, ['hs_task_subject', 'hs_timestamp'], undefined, ['contacts', 'deals']);
    expect(read.properties.hs_timestamp).toBe(due);
    expect(read.associations?.contacts.results).toEqual([{ id: contactId, type: 'task_to_contact' }]);
    expect(read.associations?.deals.results).toEqual([{ id: deal.id, type: 'task_to_deal' }]);
    const state = await control(sandbox, 'GET', '/_sandbox/state');
    expect(state.body.hubspot.tasks).toContainEqual(expect.objectContaining({ id: created.id, contactIds: [contactId], dealIds: [deal.id] }));

    await client.crm.objects.tasks.basicApi.archive(created.id);
    expect((await failure<HubspotApiError>(client.crm.objects.tasks.basicApi.getById(created.id))).code).toBe(404);
  });

  it('searches tasks like HubSpot: EQ, NEQ and CONTAINS_TOKEN (whole words, case-insensitive, * wildcard), paged', async () => {
    const task = async (subject: string, body: string) =>
      (
        await client.crm.objects.tasks.basicApi.create({
          properties: { hs_timestamp: String(Date.now()), hs_task_subject: subject, hs_task_body: body },
          associations: [],
        })
      ).id;
    const marked = await task('Call Ana', 'Agreed next steps. caseyosexec7f3a21');
    const other = await task('Email Bo', 'caseyosexec7f3a21b is another marker');
    const third = await task('Call Ana', 'Plain body');
    const search = (filters: { propertyName: string; operator: FilterOperatorEnum; value?: string }[], extra: { limit?: number; after?: string } = {}) =>
      client.crm.objects.tasks.searchApi.doSearch({ filterGroups: [{ filters }], properties: ['hs_task_subject', 'hs_task_body'], ...extra });
    const ids = async (...args: Parameters<typeof search>) => (await search(...args)).results.map((r) => r.id);

    const found = await search([{ propertyName: 'hs_task_body', operator: FilterOperatorEnum.ContainsToken, value: 'CaseyOSExec7f3a21' }]);
    expect(found.total).toBe(1);
    expect(found.results[0]).toMatchObject({
      id: marked,
      archived: false,
      properties: { hs_task_subject: 'Call Ana', hs_task_body: 'Agreed next steps. caseyosexec7f3a21', hs_object_id: marked },
    });
    expect(found.results[0].createdAt).toBeInstanceOf(Date);
    expect(await ids([{ propertyName: 'hs_task_body', operator: FilterOperatorEnum.ContainsToken, value: 'caseyosexec7f3a*' }])).toEqual([marked, other]);
    expect(await ids([{ propertyName: 'hs_task_body', operator: FilterOperatorEnum.ContainsToken, value: 'caseyosexec7f3' }])).toEqual([]);
    expect(await ids([{ propertyName: 'hs_task_subject', operator: FilterOperatorEnum.Eq, value: 'call ana' }])).toEqual([marked, third]);
    expect(
      await ids([
        { propertyName: 'hs_task_subject', operator: FilterOperatorEnum.Eq, value: 'Call Ana' },
        { propertyName: 'hs_object_id', operator: FilterOperatorEnum.Neq, value: marked },
      ]),
    ).toEqual([third]);

    const first = await search([{ propertyName: 'hs_task_subject', operator: FilterOperatorEnum.Eq, value: 'Call Ana' }], { limit: 1 });
    expect(first.paging?.next?.after).toBe('1');
    expect(
      (await search([{ propertyName: 'hs_task_subject', operator: FilterOperatorEnum.Eq, value: 'Call Ana' }], { limit: 1, after: '1' })).results[0].id,
    ).toBe(third);
    expect((await failure<HubspotApiError>(search([{ propertyName: 'no_such_prop', operator: FilterOperatorEnum.Eq, value: 'x' }]))).code).toBe(400);

    await control(sandbox, 'PATCH', '/_sandbox/settings', { hubspotSearchPerSecondLimit: 1 });
    const burst = await Promise.allSettled([1, 2, 3].map(() => search([])));
    const limited = burst.find((o): o is PromiseRejectedResult => o.status === 'rejected')?.reason as HubspotApiError;
    expect(limited).toMatchObject({ code: 429, body: { policyName: 'SECONDLY' } });
    await Promise.all([marked, other, third].map((id) => client.crm.objects.tasks.basicApi.archive(id)));
  });

  it('archives a task with 204, again for an id already archived or never known, as HubSpot does', async () => {
    const { id } = await client.crm.objects.tasks.basicApi.create({ properties: { hs_timestamp: String(Date.now()) }, associations: [] });
    const archive = (taskId: string) => client.crm.objects.tasks.basicApi.archiveWithHttpInfo(taskId);
    expect((await archive(id)).httpStatusCode).toBe(204);
    expect((await archive(id)).httpStatusCode).toBe(204);
    expect((await archive('999999999')).httpStatusCode).toBe(204);
    const gone = await failure<HubspotApiError>(client.crm.objects.tasks.basicApi.getById(id));
    expect(gone).toMatchObject({ code: 404, body: { category: 'OBJECT_NOT_FOUND' } });
  });

  it('validates task properties and associations as HubSpot does', async () => {
    const noTimestamp = await failure<HubspotApiError>(client.crm.objects.tasks.basicApi.create({ properties: { hs_task_subject: 'x' }, associations: [] }));
    expect(noTimestamp.code).toBe(400);
    expect(String((noTimestamp.body as { message: string }).message)).toContain('hs_timestamp');

    const badType = await failure<HubspotApiError>(
      client.crm.objects.tasks.basicApi.create({
        properties: { hs_timestamp: String(Date.now()) },
        associations: [{ to: { id: '101' }, types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: AssociationTypes.dealToContact }] }],
      }),
    );
    expect(badType.code).toBe(400);
  });

  it('rejects calls without a valid bearer token', async () => {
    const error = await failure<HubspotApiError>(hubspotClient(sandbox, 'not-a-token').crm.deals.searchApi.doSearch({ limit: 1 }));
    expect(error.code).toBe(401);
    expect(error.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
  });

  it("surfaces a 429 fault with HubSpot's body and headers, then recovers", async () => {
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'rate_limit' });
    const error = await failure<HubspotApiError>(client.crm.deals.basicApi.getById('5001'));
    expect(error.code).toBe(429);
    expect(error.body).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      message: 'You have reached your ten_secondly_rolling limit.',
    });
    expect(error.headers['retry-after']).toBe('1');
    expect(error.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    await expect(client.crm.deals.basicApi.getById('5001')).resolves.toMatchObject({ id: '5001' });
  });

  it('surfaces 5xx faults with their status (502 as an HTML gateway page)', async () => {
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'server_error', status: 502 });
    await control(sandbox, 'POST', '/_sandbox/faults', { service: 'hubspot', kind: 'server_error', status: 503 });
    const gateway = await failure<HubspotApiError>(client.crm.deals.basicApi.getById('5001'));
    expect(gateway.code).toBe(502);
    expect(String(gateway.body)).toContain('502');
    const unavailable = await failure<HubspotApiError>(client.crm.deals.basicApi.getById('5001'));
    expect(unavailable.code).toBe(503);
    expect(unavailable.body).toMatchObject({ category: 'SERVICE_UNAVAILABLE' });
  });

  it('enforces the search per-second limit and sends rate-limit headers on non-search calls', async () => {
    await control(sandbox, 'PATCH', '/_sandbox/settings', { hubspotSearchPerSecondLimit: 1 });
    const outcomes = await Promise.allSettled([1, 2, 3, 4, 5].map(() => client.crm.deals.searchApi.doSearch({ limit: 1 })));
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as HubspotApiError);
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0].code).toBe(429);
    expect(rejected[0].body).toMatchObject({ policyName: 'SECONDLY', message: 'You have reached your secondly limit.' });

    await control(sandbox, 'PATCH', '/_sandbox/settings', { hubspotTenSecondLimit: 100 });
    const info = await client.crm.deals.basicApi.getByIdWithHttpInfo('5001');
    expect(info.headers['x-hubspot-ratelimit-max']).toBe('100');
    expect(Number(info.headers['x-hubspot-ratelimit-remaining'])).toBeLessThan(100);
    expect(info.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('10000');
    await control(sandbox, 'PATCH', '/_sandbox/settings', { hubspotTenSecondLimit: 0 });
  });

  it('exempts CRM search from the ten-second budget and leaves the rate-limit headers off it', async () => {
    // A sandbox of its own: the app's ten-second budget counts the other tests' OAuth calls too.
    const own = await startTestSandbox();
    const oauth = hubspotClient(own, await hubspotOAuthToken(own, ['crm.objects.deals.read']));
    await control(own, 'PATCH', '/_sandbox/settings', { hubspotTenSecondLimit: 2 });
    try {
      const first = await oauth.crm.deals.basicApi.getByIdWithHttpInfo('5001');
      expect(first.headers['x-hubspot-ratelimit-remaining']).toBe('1');
      const searches = await Promise.all([1, 2, 3].map(() => oauth.crm.deals.searchApi.doSearchWithHttpInfo({ limit: 1 })));
      expect(searches.map((search) => search.headers['x-hubspot-ratelimit-remaining'])).toEqual([undefined, undefined, undefined]);
      expect((await oauth.crm.deals.basicApi.getByIdWithHttpInfo('5001')).headers['x-hubspot-ratelimit-remaining']).toBe('0');
      const refused = await failure<HubspotApiError>(oauth.crm.deals.basicApi.getById('5001'));
      expect(refused.code).toBe(429);
      expect(refused.body).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING' });
      // The ten-second budget is spent; search, governed by its own per-second limit only, still answers.
      await expect(oauth.crm.deals.searchApi.doSearch({ limit: 1 })).resolves.toMatchObject({ total: 15 });
    } finally {
      await own.close();
    }
  });

  it("enforces the scopes HubSpot's spec gives each route, answering 403 MISSING_SCOPES with the scopes that would do", async () => {
    const readOnly = hubspotClient(sandbox, await hubspotOAuthToken(sandbox, ['oauth', 'crm.objects.deals.read']));
    await expect(readOnly.crm.deals.searchApi.doSearch({ limit: 1 })).resolves.toMatchObject({ total: 15 });
    await expect(readOnly.crm.pipelines.pipelinesApi.getAll('deals')).resolves.toBeDefined();
    const denied = await failure<HubspotApiError>(readOnly.crm.objects.tasks.searchApi.doSearch({ limit: 1 }));
    expect(denied.code).toBe(403);
    expect(denied.body).toEqual({
      status: 'error',
      message:
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
      correlationId: expect.any(String),
      category: 'MISSING_SCOPES',
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: ['crm.objects.contacts.read'] } }],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    });
    const write = await failure<HubspotApiError>(readOnly.crm.deals.basicApi.update('5001', { properties: { dealstage: 'qualifiedtobuy' } }));
    expect(write.code).toBe(403);
    expect(write.body).toMatchObject({ errors: [{ context: { requiredGranularScopes: ['crm.objects.deals.write'] } }] });
    const contactsOnly = hubspotClient(sandbox, await hubspotOAuthToken(sandbox, ['crm.objects.contacts.read']));
    expect((await failure<HubspotApiError>(contactsOnly.crm.deals.basicApi.getById('5001'))).code).toBe(403);
    // The private-app token holds every scope.
    await expect(client.crm.objects.tasks.searchApi.doSearch({ limit: 1 })).resolves.toBeDefined();
  });
});
