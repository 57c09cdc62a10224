import type { FastifyInstance } from 'fastify';
import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxContext } from '../sandbox-context';
import type { CrmTask } from '../world/crm-records';
import { TASK_PROPERTIES, WRITABLE_TASK_PROPERTIES, associationsView, objectView, propertyList, taskPropertyMap } from './crm-object-views';
import { type SearchSchema, searchRecords } from './crm-search';
import { TASK_ASSOCIATION_TYPES } from './hubspot-portal';
import { HUBSPOT_SCOPES } from './hubspot-scopes';
import { propertiesOf, taskPropertyError, writeTaskProperties } from './task-properties';

const TASK_SEARCH_SCHEMA: SearchSchema = {
  known: new Set([...WRITABLE_TASK_PROPERTIES, 'hs_task_completion_date', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']),
  dates: new Set(['hs_timestamp', 'hs_task_completion_date', 'hs_createdate', 'hs_lastmodifieddate']),
  numbers: new Set(['hs_object_id']),
  queryable: ['hs_task_subject', 'hs_task_body'],
};

interface AssociationInput {
  to?: { id?: unknown };
  types?: { associationCategory?: unknown; associationTypeId?: unknown }[];
}

/** Resolves `associations` of a create request to linked ids, refusing unknown types and objects. */
function resolveAssociations(ctx: SandboxContext, input: unknown): Record<'contacts' | 'deals' | 'companies', string[]> {
  const linked = { contacts: [] as string[], deals: [] as string[], companies: [] as string[] };
  if (input === undefined) return linked;
  if (!Array.isArray(input)) throw hubspotErrors.validation('Invalid input JSON: associations must be an array');
  for (const association of input as AssociationInput[]) {
    const id = String(association?.to?.id ?? '');
    for (const type of association?.types ?? []) {
      const target = TASK_ASSOCIATION_TYPES[Number(type.associationTypeId)];
      if (type.associationCategory !== 'HUBSPOT_DEFINED' || !target) {
        throw hubspotErrors.validation(`${String(type.associationTypeId)} is not a valid association type id for tasks`, {
          associationTypeId: [String(type.associationTypeId)],
        });
      }
      const store = ctx.world.crm[target];
      if (!store.has(id)) {
        throw hubspotErrors.validation(`One or more associations are invalid: ${target.slice(0, -1)} ${id} does not exist`, { id: [id] });
      }
      if (!linked[target].includes(id)) linked[target].push(id);
    }
  }
  return linked;
}

/** What a create or update answers with: the properties written, the status, and its completion date when the status was written. */
function answered(written: Record<string, unknown>): string[] {
  return [...Object.keys(written), 'hs_task_status', ...('hs_task_status' in written ? ['hs_task_completion_date'] : [])];
}

export function registerTaskRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  const view = (task: CrmTask, properties: string[] | undefined) => objectView(task.id, taskPropertyMap(task), properties, TASK_PROPERTIES, task);

  // HubSpot governs tasks with the contacts scopes.
  const read = { config: { hubspotScopes: HUBSPOT_SCOPES.contactsRead } };
  const write = { config: { hubspotScopes: HUBSPOT_SCOPES.contactsWrite } };

  scope.post('/crm/v3/objects/tasks', write, async (request, reply) => {
    const properties = propertiesOf(request.body);
    const invalid = taskPropertyError(properties, true);
    if (invalid) throw invalid;
    const linked = resolveAssociations(ctx, (request.body as { associations?: unknown }).associations);
    const now = ctx.clock.now();
    const task = ctx.world.crm.addTask({
      properties: writeTaskProperties({}, properties, now),
      contactIds: linked.contacts,
      dealIds: linked.deals,
      companyIds: linked.companies,
      createdAt: now,
      updatedAt: now,
    });
    reply.code(201);
    return view(task, answered(properties));
  });

  scope.post('/crm/v3/objects/tasks/search', read, async (request) => {
    const tasks = [...ctx.world.crm.tasks.values()];
    const page = searchRecords(
      tasks.map((t) => ({ id: t.id, properties: taskPropertyMap(t) })),
      request.body,
      TASK_SEARCH_SCHEMA,
      ctx.settings.hubspotSearchResultCap,
    );
    const requested = propertyList((request.body as { properties?: unknown }).properties);
    return {
      total: page.total,
      results: page.results.map((r) => view(ctx.world.crm.tasks.get(r.id) as CrmTask, requested)),
      ...(page.nextAfter ? { paging: { next: { after: page.nextAfter } } } : {}),
    };
  });

  scope.get<{ Params: { taskId: string }; Querystring: Record<string, unknown> }>('/crm/v3/objects/tasks/:taskId', read, async (request) => {
    const task = ctx.world.crm.tasks.get(request.params.taskId);
    if (!task) throw hubspotErrors.objectNotFound(request.params.taskId);
    const associations = associationsView('task', propertyList(request.query.associations), {
      contacts: task.contactIds,
      deals: task.dealIds,
      companies: task.companyIds,
    });
    return { ...view(task, propertyList(request.query.properties)), ...(associations ? { associations } : {}) };
  });

  // Only the properties sent change; the answer carries them, and the completion date HubSpot stamps.
  scope.patch<{ Params: { taskId: string } }>('/crm/v3/objects/tasks/:taskId', write, async (request) => {
    const task = ctx.world.crm.tasks.get(request.params.taskId);
    if (!task) throw hubspotErrors.objectNotFound(request.params.taskId);
    const properties = propertiesOf(request.body);
    const invalid = taskPropertyError(properties, false);
    if (invalid) throw invalid;
    const now = ctx.clock.now();
    task.properties = writeTaskProperties(task.properties, properties, now);
    task.updatedAt = now;
    return view(task, answered(properties));
  });

  // HubSpot archives idempotently and answers 204 whether or not the id ever existed.
  scope.delete<{ Params: { taskId: string } }>('/crm/v3/objects/tasks/:taskId', write, async (request, reply) => {
    ctx.world.crm.tasks.delete(request.params.taskId);
    reply.code(204).send();
  });
}
