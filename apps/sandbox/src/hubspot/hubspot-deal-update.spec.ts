import type { Client } from '@hubspot/api-client';
import type { RunningSandbox } from '../sandbox-app';
import { hubspotClient, startTestSandbox } from '../testing/sandbox-test-kit';

describe('HubSpot deal stage update through @hubspot/api-client', () => {
  let sandbox: RunningSandbox;
  let client: Client;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    client = hubspotClient(sandbox);
  });

  afterAll(() => sandbox.close());

  const anyDeal = async () =>
    (await client.crm.deals.searchApi.doSearch({ filterGroups: [], limit: 1, after: '0', sorts: [], properties: ['dealstage', 'hs_lastmodifieddate'] }))
      .results[0];

  it('moves a deal to another stage and marks it modified', async () => {
    const deal = await anyDeal();
    const target = deal.properties.dealstage === 'closedwon' ? 'appointmentscheduled' : 'closedwon';
    const updated = await client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: target } });
    expect(updated.properties.dealstage).toBe(target);
    const read = await client.crm.deals.basicApi.getById(deal.id, ['dealstage', 'hs_lastmodifieddate']);
    expect(read.properties.dealstage).toBe(target);
    expect(Date.parse(read.properties.hs_lastmodifieddate ?? '')).toBeGreaterThanOrEqual(Date.parse(deal.properties.hs_lastmodifieddate ?? ''));
  });

  it('refuses an unknown stage or another property with a validation error, and an unknown deal with 404', async () => {
    const deal = await anyDeal();
    await expect(client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'nowhere' } })).rejects.toMatchObject({
      code: 400,
      body: { category: 'VALIDATION_ERROR' },
    });
    await expect(client.crm.deals.basicApi.update(deal.id, { properties: { dealstage: 'closedwon', amount: '5' } })).rejects.toMatchObject({ code: 400 });
    expect((await client.crm.deals.basicApi.getById(deal.id, ['dealstage'])).properties.dealstage).toBe(deal.properties.dealstage);
    await expect(client.crm.deals.basicApi.update('999999999', { properties: { dealstage: 'closedwon' } })).rejects.toMatchObject({ code: 404 });
  });
});
