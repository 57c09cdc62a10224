import type { FastifyInstance } from 'fastify';
import { hubspotErrors } from '../http/hubspot-errors';
import { PIPELINE_ID, PIPELINE_LABEL, PIPELINE_STAGES } from '../world/deal-pipeline';
import { HUBSPOT_SCOPES } from './hubspot-scopes';

// The default pipeline predates the portal's records.
const CREATED_AT = '2023-01-09T10:00:00.000Z';

function stageViews() {
  return PIPELINE_STAGES.map((stage, index) => ({
    id: stage.id,
    label: stage.label,
    displayOrder: index,
    metadata: { isClosed: String(stage.isClosed), probability: String(stage.probability) },
    archived: false,
    writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
  }));
}

function pipelineView() {
  return { id: PIPELINE_ID, label: PIPELINE_LABEL, displayOrder: 0, archived: false, stages: stageViews(), createdAt: CREATED_AT, updatedAt: CREATED_AT };
}

/** Only deals have pipelines in the sandbox; HubSpot also accepts the type id 0-3. */
function assertDeals(objectType: string): void {
  if (objectType !== 'deals' && objectType !== '0-3') {
    throw hubspotErrors.validation(`Unable to infer object type from: ${objectType}`);
  }
}

function assertPipeline(pipelineId: string): void {
  if (pipelineId !== PIPELINE_ID) throw hubspotErrors.objectNotFound(pipelineId);
}

export function registerPipelineRoutes(scope: FastifyInstance): void {
  const read = { config: { hubspotScopes: HUBSPOT_SCOPES.pipelinesRead } };
  scope.get<{ Params: { objectType: string } }>('/crm/v3/pipelines/:objectType', read, async (request) => {
    assertDeals(request.params.objectType);
    return { results: [pipelineView()] };
  });

  scope.get<{ Params: { objectType: string; pipelineId: string } }>('/crm/v3/pipelines/:objectType/:pipelineId', read, async (request) => {
    assertDeals(request.params.objectType);
    assertPipeline(request.params.pipelineId);
    return pipelineView();
  });

  scope.get<{ Params: { objectType: string; pipelineId: string } }>('/crm/v3/pipelines/:objectType/:pipelineId/stages', read, async (request) => {
    assertDeals(request.params.objectType);
    assertPipeline(request.params.pipelineId);
    return { results: stageViews() };
  });
}
