import type { FastifyInstance } from 'fastify';
import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxContext } from '../sandbox-context';
import type { CrmTask } from '../world/crm-records';
import { TASK_PROPERTIES, WRITABLE_TASK_PROPERTIES, associationsView, objectView, propertyList, taskPropertyMap } from './crm-object-views';
import { type SearchSchema, searchRecords } from './crm-search';
import { TASK_ASSOCIATION_TYPES } from './hubspot-portal';

const TASK_ENUMS: Record<string, readonly string[]> = {
  hs_task_priority: ['NONE', 'LOW', 'MEDIUM', 'HIGH'],
  hs_task_type: ['TODO', 'EMAIL', 'CALL', 'LINKED_IN', 'MEETING'],
  hs_task_status: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
};

const TASK_SEARCH_SCHEMA: SearchSchema = {
  known: new Set([...WRITABLE_TASK_PROPERTIES, 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']),
  dates: new Set(['hs_timestamp', 'hs_createdate', 'hs_lastmodifieddate']),
  numbers: new Set(['hs_object_id']),
  queryable: ['hs_task_subject', 'hs_task_body'],
};

interface PropertyProblem {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

/** HubSpot's "Property values were not valid" check: unknown names, bad options, missing hs_timestamp. */
function propertyProblems(properties: Record<string, unknown>): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  for (const [name, value] of Object.entries(properties)) {
    if (!(WRITABLE_TASK_PROPERTIES as readonly string[]).includes(name)) {
      problems.push({ isValid: false, message: `Property "${name}" does not exist`, error: 'PROPERTY_DOESNT_EXIST', name });
    } else if (TASK_ENUMS[name] && !TASK_ENUMS[name].includes(String(value))) {
      problems.push({
        isValid: false,
        message: `${String(value)} was not one of the allowed options: [${TASK_ENUMS[name].join(', ')}]`,
        error: 'INVALID_OPTION',
        name,
      });
    } else if (name === 'hs_timestamp' && Number.isNaN(/^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value)))) {
      problems.push({ isValid: false, message: `${String(value)} is not a valid datetime`, error: 'INVALID_DATE', name });
    }
  }
  if (properties.hs_timestamp === undefined) {
    problems.push({ isValid: false, message: 'hs_timestamp is required', error: 'REQUIRED_FIELD', name: 'hs_timestamp' });
  }
  return problems;
}

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

export function registerTaskRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  const view = (task: CrmTask, properties: string[] | undefined) =>
    objectView(task.id, taskPropertyMap(task), properties, TASK_PROPERTIES, task);

  scope.post('/crm/v3/objects/tasks', async (request, reply) => {
    const body = (request.body ?? {}) as { properties?: unknown; associations?: unknown };
    if (typeof body.properties !== 'object' || body.properties === null) {
      throw hubspotErrors.validation('Invalid input JSON on line 1: properties is required');
    }
    const properties = body.properties as Record<string, unknown>;
    const problems = propertyProblems(properties);
    if (problems.length > 0) throw hubspotErrors.validation(`Property values were not valid: ${JSON.stringify(problems)}`);
    const linked = resolveAssociations(ctx, body.associations);
    const now = ctx.clock.now();
    const task = ctx.world.crm.addTask({
      properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, String(v)])),
      contactIds: linked.contacts,
      dealIds: linked.deals,
      companyIds: linked.companies,
      createdAt: now,
      updatedAt: now,
    });
    reply.code(201);
    return view(task, [...Object.keys(properties), 'hs_task_status']);
  });

  scope.post('/crm/v3/objects/tasks/search', async (request) => {
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

  scope.get<{ Params: { taskId: string }; Querystring: Record<string, unknown> }>('/crm/v3/objects/tasks/:taskId', async (request) => {
    const task = ctx.world.crm.tasks.get(request.params.taskId);
    if (!task) throw hubspotErrors.objectNotFound(request.params.taskId);
    const associations = associationsView('task', propertyList(request.query.associations), {
      contacts: task.contactIds,
      deals: task.dealIds,
      companies: task.companyIds,
    });
    return { ...view(task, propertyList(request.query.properties)), ...(associations ? { associations } : {}) };
  });

  // HubSpot archives idempotently and answers 204 whether or not the id ever existed.
  scope.delete<{ Params: { taskId: string } }>('/crm/v3/objects/tasks/:taskId', async (request, reply) => {
    ctx.world.crm.tasks.delete(request.params.taskId);
    reply.code(204).send();
  });
}
