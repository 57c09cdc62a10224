import type { FastifyInstance } from 'fastify';
import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxContext } from '../sandbox-context';
import type { CrmDeal } from '../world/crm-records';
import { PIPELINE_STAGES, findStage } from '../world/deal-pipeline';
import { DEAL_PROPERTIES, associationsView, dealPropertyMap, objectView, propertyList } from './crm-object-views';
import { type SearchSchema, searchRecords } from './crm-search';
import { HUBSPOT_SCOPES } from './hubspot-scopes';

const DEAL_SEARCH_SCHEMA: SearchSchema = {
  known: new Set([
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'dealtype',
    'description',
    'hs_deal_stage_probability',
    'hs_is_closed',
    'hs_is_closed_won',
    'hs_lastmodifieddate',
    'hs_object_id',
    'hubspot_owner_id',
    'num_associated_contacts',
    'pipeline',
  ]),
  dates: new Set(['closedate', 'createdate', 'hs_lastmodifieddate']),
  numbers: new Set(['amount', 'hs_deal_stage_probability', 'hs_object_id', 'num_associated_contacts']),
  queryable: ['dealname'],
};

function dealView(deal: CrmDeal, properties: string[] | undefined) {
  return objectView(deal.id, dealPropertyMap(deal), properties, DEAL_PROPERTIES, deal);
}

export function registerDealRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  const read = { config: { hubspotScopes: HUBSPOT_SCOPES.dealsRead } };
  scope.post('/crm/v3/objects/deals/search', read, async (request) => {
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

  scope.get<{ Params: { dealId: string }; Querystring: Record<string, unknown> }>('/crm/v3/objects/deals/:dealId', read, async (request) => {
    const deal = ctx.world.crm.deals.get(request.params.dealId);
    if (!deal) throw hubspotErrors.objectNotFound(request.params.dealId);
    const associations = associationsView('deal', propertyList(request.query.associations), {
      contacts: deal.contactIds,
      companies: [deal.companyId],
    });
    return { ...dealView(deal, propertyList(request.query.properties)), ...(associations ? { associations } : {}) };
  });

  // What a salesperson does in HubSpot: move a deal to another stage (the only property the sandbox lets a client change).
  const write = { config: { hubspotScopes: HUBSPOT_SCOPES.dealsWrite } };
  scope.patch<{ Params: { dealId: string } }>('/crm/v3/objects/deals/:dealId', write, async (request) => {
    const deal = ctx.world.crm.deals.get(request.params.dealId);
    if (!deal) throw hubspotErrors.objectNotFound(request.params.dealId);
    const properties = (request.body as { properties?: unknown } | null)?.properties;
    const stageId = (properties as Record<string, unknown> | undefined)?.dealstage;
    const unknown = Object.keys((properties as object | undefined) ?? {}).filter((name) => name !== 'dealstage');
    if (typeof stageId !== 'string' || !findStage(stageId) || unknown.length > 0) {
      throw hubspotErrors.validation(
        `Property values were not valid: [{"isValid":false,"message":"dealstage must be one of ${PIPELINE_STAGES.map((stage) => stage.id).join(', ')}; other properties are read-only here","error":"INVALID_OPTION","name":"dealstage"}]`,
      );
    }
    const now = ctx.clock.now();
    ctx.world.crm.moveDeal(deal, stageId, now);
    if (findStage(stageId)?.isClosed) deal.closeDate = now;
    return dealView(deal, undefined);
  });
}
