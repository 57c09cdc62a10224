import { hubspotErrors } from '../http/hubspot-errors';
import type { SandboxHttpError } from '../http/sandbox-http-error';
import { WRITABLE_TASK_PROPERTIES } from './crm-object-views';

const TASK_ENUMS: Record<string, readonly string[]> = {
  hs_task_priority: ['NONE', 'LOW', 'MEDIUM', 'HIGH'],
  hs_task_type: ['TODO', 'EMAIL', 'CALL', 'LINKED_IN', 'MEETING'],
  hs_task_status: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
};

/** Properties HubSpot computes itself; writing them is refused with READ_ONLY_VALUE. */
const READ_ONLY_TASK_PROPERTIES = ['hs_task_completion_date', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];

interface PropertyProblem {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

function problemWith(name: string, value: unknown): PropertyProblem | undefined {
  const fail = (error: string, message: string): PropertyProblem => ({ isValid: false, message, error, name });
  if (READ_ONLY_TASK_PROPERTIES.includes(name)) return fail('READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`);
  if (!(WRITABLE_TASK_PROPERTIES as readonly string[]).includes(name)) return fail('PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
  if (TASK_ENUMS[name] && !TASK_ENUMS[name].includes(String(value))) {
    return fail('INVALID_OPTION', `${String(value)} was not one of the allowed options: [${TASK_ENUMS[name].join(', ')}]`);
  }
  if (name === 'hs_timestamp' && Number.isNaN(/^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value)))) {
    return fail('INVALID_DATE', `${String(value)} is not a valid datetime`);
  }
  return undefined;
}

/**
 * HubSpot's "Property values were not valid" check (VALIDATION_ERROR, the problems as JSON in the
 * message): unknown or read-only names, bad options, bad dates, and on create a missing hs_timestamp.
 */
export function taskPropertyError(properties: Record<string, unknown>, creating: boolean): SandboxHttpError | undefined {
  const problems = Object.entries(properties).flatMap(([name, value]) => problemWith(name, value) ?? []);
  if (creating && properties.hs_timestamp === undefined) {
    problems.push({ isValid: false, message: 'hs_timestamp is required', error: 'REQUIRED_FIELD', name: 'hs_timestamp' });
  }
  return problems.length > 0 ? hubspotErrors.validation(`Property values were not valid: ${JSON.stringify(problems)}`) : undefined;
}

/** The `properties` object of a create or update body, or HubSpot's invalid-input error. */
export function propertiesOf(body: unknown): Record<string, unknown> {
  const properties = (body as { properties?: unknown } | null)?.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw hubspotErrors.validation('Invalid input JSON on line 1: properties is required');
  }
  return properties as Record<string, unknown>;
}

/**
 * A task's stored properties after a client write. HubSpot stamps hs_task_completion_date (epoch
 * ms) when the status becomes COMPLETED and clears it when the task is reopened; a status left
 * out of the write keeps both. New tasks start NOT_STARTED.
 */
export function writeTaskProperties(current: Record<string, string>, written: Record<string, unknown>, now: number): Record<string, string> {
  const next: Record<string, string> = { hs_task_status: 'NOT_STARTED', ...current };
  for (const [name, value] of Object.entries(written)) next[name] = String(value);
  if (next.hs_task_status !== 'COMPLETED') delete next.hs_task_completion_date;
  else if (current.hs_task_status !== 'COMPLETED' || !current.hs_task_completion_date) next.hs_task_completion_date = String(now);
  return next;
}
