import type { CrmContact, CrmDeal, CrmTask } from '../world/crm-records';
import type { CrmStore } from '../world/crm-store';
import { findStage } from '../world/deal-pipeline';

export type PropertyMap = Record<string, string | null>;

/** Property sets per object type: what HubSpot returns by default and always. */
export interface ObjectTypeProperties {
  defaults: readonly string[];
  always: readonly string[];
}

export const DEAL_PROPERTIES: ObjectTypeProperties = {
  defaults: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  always: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

export const CONTACT_PROPERTIES: ObjectTypeProperties = {
  defaults: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  always: ['createdate', 'lastmodifieddate', 'hs_object_id'],
};

export const TASK_PROPERTIES: ObjectTypeProperties = {
  defaults: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  always: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** Task properties a client may write; HubSpot rejects others with VALIDATION_ERROR. */
export const WRITABLE_TASK_PROPERTIES = [
  'hs_timestamp',
  'hs_task_subject',
  'hs_task_body',
  'hs_task_priority',
  'hs_task_type',
  'hs_task_status',
  'hubspot_owner_id',
] as const;

const iso = (ms: number) => new Date(ms).toISOString();

export function dealPropertyMap(deal: CrmDeal): PropertyMap {
  const stage = findStage(deal.stageId);
  return {
    amount: String(deal.amount),
    closedate: iso(deal.closeDate),
    createdate: iso(deal.createdAt),
    dealname: deal.name,
    dealstage: deal.stageId,
    dealtype: 'newbusiness',
    description: null,
    hs_deal_stage_probability: stage ? String(stage.probability) : null,
    hs_is_closed: String(stage?.isClosed ?? false),
    hs_is_closed_won: String(deal.stageId === 'closedwon'),
    hs_lastmodifieddate: iso(deal.updatedAt),
    hs_object_id: deal.id,
    hubspot_owner_id: deal.ownerId,
    num_associated_contacts: String(deal.contactIds.length),
    pipeline: deal.pipelineId,
  };
}

export function contactPropertyMap(contact: CrmContact, crm: CrmStore): PropertyMap {
  return {
    company: crm.companies.get(contact.companyId)?.name ?? null,
    createdate: iso(contact.createdAt),
    email: contact.email,
    firstname: contact.firstName,
    hs_object_id: contact.id,
    hubspot_owner_id: contact.ownerId,
    jobtitle: contact.jobTitle,
    lastmodifieddate: iso(contact.updatedAt),
    lastname: contact.lastName,
    lifecyclestage: contact.lifecycleStage,
    phone: null,
    website: crm.companies.get(contact.companyId)?.domain ?? null,
  };
}

export function taskPropertyMap(task: CrmTask): PropertyMap {
  const written: PropertyMap = Object.fromEntries(WRITABLE_TASK_PROPERTIES.map((name) => [name, task.properties[name] ?? null]));
  return {
    ...written,
    hs_task_status: task.properties.hs_task_status ?? 'NOT_STARTED',
    hs_task_completion_date: task.properties.hs_task_completion_date ?? null,
    hs_createdate: iso(task.createdAt),
    hs_lastmodifieddate: iso(task.updatedAt),
    hs_object_id: task.id,
  };
}

/** The `properties` query or body value: repeated params and comma-separated lists both count. */
export function propertyList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items
    .flatMap((item) => String(item).split(','))
    .map((p) => p.trim())
    .filter(Boolean);
}

/** HubSpot's SimplePublicObject: requested (or default) known properties plus the ones it always sends. */
export function objectView(
  id: string,
  all: PropertyMap,
  requested: string[] | undefined,
  types: ObjectTypeProperties,
  times: { createdAt: number; updatedAt: number },
) {
  const names = new Set([...(requested && requested.length > 0 ? requested : types.defaults), ...types.always]);
  const properties: PropertyMap = {};
  for (const name of [...names].sort()) {
    if (name in all) properties[name] = all[name];
  }
  return { id, properties, createdAt: iso(times.createdAt), updatedAt: iso(times.updatedAt), archived: false };
}

const ASSOCIATION_ALIASES: Record<string, string> = {
  contact: 'contacts',
  contacts: 'contacts',
  '0-1': 'contacts',
  company: 'companies',
  companies: 'companies',
  '0-2': 'companies',
  deal: 'deals',
  deals: 'deals',
  '0-3': 'deals',
};

/** The `associations` object of a GET: only requested types that have associations appear. */
export function associationsView(
  fromType: 'deal' | 'task',
  requested: string[] | undefined,
  linked: Partial<Record<'contacts' | 'companies' | 'deals', string[]>>,
) {
  if (!requested) return undefined;
  const singular = { contacts: 'contact', companies: 'company', deals: 'deal' } as const;
  const view: Record<string, { results: { id: string; type: string }[] }> = {};
  for (const name of requested) {
    const key = ASSOCIATION_ALIASES[name.toLowerCase()] as keyof typeof singular | undefined;
    const ids = key ? linked[key] : undefined;
    if (key && ids && ids.length > 0) {
      view[key] = { results: ids.map((id) => ({ id, type: `${fromType}_to_${singular[key]}` })) };
    }
  }
  return Object.keys(view).length > 0 ? view : undefined;
}
