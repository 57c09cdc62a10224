import type { FastifyInstance } from 'fastify';
import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxContext } from '../sandbox-context';
import type { CrmDeal } from '../world/crm-records';
import { DEAL_PROPERTIES, associationsView, dealPropertyMap, objectView, propertyList } from './crm-object-views';
import { type SearchSchema, searchRecords } from './crm-search';

const DEAL_SEARCH_SCHEMA: SearchSchema = {
  known: new Set([
    'amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'dealtype', 'description', 'hs_deal_stage_probability',
    'hs_is_closed', 'hs_is_closed_won', 'hs_lastmodifieddate', 'hs_object_id', 'hubspot_owner_id', 'num_associated_contacts', 'pipeline',
  ]),
  dates: new Set(['closedate', 'createdate', 'hs_lastmodifieddate']),
  numbers: new Set(['amount', 'hs_deal_stage_probability', 'hs_object_id', 'num_associated_contacts']),
  queryable: ['dealname'],
};

function dealView(deal: CrmDeal, properties: string[] | undefined) {
  return objectView(deal.id, dealPropertyMap(deal), properties, DEAL_PROPERTIES, deal);
}

export function registerDealRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  scope.post('/crm/v3/objects/deals/search', async (request) => {
    const deals = [...ctx.world.crm.deals.values()];
    const page = searchRecords(
      deals.map((d) => ({ id: d.id, properties: dealPropertyMap(d) })),
      request.body,
      DEAL_SEARCH_SCHEMA,
      ctx.settings.hubspotSearchResultCap,
    );
    const requested = propertyList((request.body as { properties?: unknown }).properties);
    return {
      total: page.total,
      results: page.results.map((r) => dealView(ctx.world.crm.deals.get(r.id) as CrmDeal, requested)),
      ...(page.nextAfter ? { paging: { next: { after: page.nextAfter } } } : {}),
    };
  });

  scope.get<{ Params: { dealId: string }; Querystring: Record<string, unknown> }>('/crm/v3/objects/deals/:dealId', async (request) => {
    const deal = ctx.world.crm.deals.get(request.params.dealId);
    if (!deal) throw hubspotErrors.objectNotFound(request.params.dealId);
    const associations = associationsView('deal', propertyList(request.query.associations), {
      contacts: deal.contactIds,
      companies: [deal.companyId],
    });
    return { ...dealView(deal, propertyList(request.query.properties)), ...(associations ? { associations } : {}) };
  });
}
