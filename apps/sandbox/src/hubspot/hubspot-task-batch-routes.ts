import type { FastifyInstance } from 'fastify';
import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxContext } from '../sandbox-context';
import type { CrmTask } from '../world/crm-records';
import { TASK_PROPERTIES, objectView, propertyList, taskPropertyMap } from './crm-object-views';
import { HUBSPOT_SCOPES } from './hubspot-scopes';

/** HubSpot's cap on the inputs of one batch call. */
const MAX_BATCH_INPUTS = 100;

interface BatchReadBody {
  inputs?: unknown;
  properties?: unknown;
  idProperty?: unknown;
}

/** The ids of a batch read's `inputs` ([{id}]), or HubSpot's VALIDATION_ERROR. */
function inputIds(body: BatchReadBody): string[] {
  if (!Array.isArray(body.inputs) || body.inputs.some((input) => typeof (input as { id?: unknown })?.id !== 'string')) {
    throw hubspotErrors.validation('Invalid input JSON on line 1: inputs must be a list of {"id": "..."}');
  }
  if (body.inputs.length > MAX_BATCH_INPUTS) {
    throw hubspotErrors.validation(`The maximum number of inputs supported in a batch is ${MAX_BATCH_INPUTS}. Please reduce the number of items and try again`);
  }
  // Tasks have no unique property of their own; only the record id looks them up.
  if (body.idProperty !== undefined && body.idProperty !== 'hs_object_id') {
    throw hubspotErrors.validation(`${String(body.idProperty)} is not a unique property of tasks`);
  }
  return [...new Set((body.inputs as { id: string }[]).map((input) => input.id))];
}

/**
 * POST /crm/v3/objects/tasks/batch/read. Ids HubSpot cannot find (archived, never known) do not
 * fail the call: it answers 207 Multi-Status with them under one OBJECT_NOT_FOUND error, and 200
 * when every id was found.
 */
export function registerTaskBatchRoutes(scope: FastifyInstance, ctx: SandboxContext): void {
  const read = { config: { hubspotScopes: HUBSPOT_SCOPES.contactsRead } };
  scope.post<{ Querystring: { archived?: string } }>('/crm/v3/objects/tasks/batch/read', read, async (request, reply) => {
    const startedAt = new Date(ctx.clock.now()).toISOString();
    const body = (request.body ?? {}) as BatchReadBody;
    const ids = inputIds(body);
    const requested = propertyList(body.properties);
    // Archived tasks are not kept, so asking for archived ones finds none.
    const tasks: ReadonlyMap<string, CrmTask> = request.query.archived === 'true' ? new Map() : ctx.world.crm.tasks;
    const results = ids.flatMap((id) => tasks.get(id) ?? []).map((task) => objectView(task.id, taskPropertyMap(task), requested, TASK_PROPERTIES, task));
    const missing = ids.filter((id) => !tasks.has(id));
    const completedAt = new Date(ctx.clock.now()).toISOString();
    if (missing.length === 0) return { status: 'COMPLETE', results, startedAt, completedAt };
    reply.code(207);
    return {
      status: 'COMPLETE',
      results,
      numErrors: 1,
      errors: [
        {
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: 'Could not get some TASK objects, they may be deleted or not exist. Check that ids are valid.',
          context: { ids: missing },
        },
      ],
      startedAt,
      completedAt,
    };
  });
}
