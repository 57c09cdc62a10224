/** What the HubSpot port hands to modules: plain, typed, no SDK classes. */

export interface HubSpotDeal {
  id: string;
  name: string | null;
  pipelineId: string | null;
  stageId: string | null;
  amount: number | null;
  closeDate: string | null;
  ownerId: string | null;
  createdAt: string | null;
  /** hs_lastmodifieddate, ISO 8601. */
  modifiedAt: string;
}

export interface HubSpotDealBatch {
  /** Oldest modification first; each deal once, in its newest version. */
  deals: HubSpotDeal[];
  /** Where the next sync starts (inclusive, so deals at this instant may come again). */
  cursor: string;
  /** False when the page bound stopped this sync early; call again from `cursor`. */
  complete: boolean;
}

export interface HubSpotStage {
  id: string;
  label: string;
  displayOrder: number;
  probability: number | null;
  isClosed: boolean;
}

export interface HubSpotPipeline {
  id: string;
  label: string;
  stages: HubSpotStage[];
}

export interface HubSpotContact {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  jobTitle: string | null;
  lifecycleStage: string | null;
  ownerId: string | null;
}

export const TASK_PRIORITIES = ['NONE', 'LOW', 'MEDIUM', 'HIGH'] as const;
export const TASK_TYPES = ['TODO', 'EMAIL', 'CALL', 'LINKED_IN', 'MEETING'] as const;

export interface NewHubSpotTask {
  subject: string;
  body?: string;
  dueAt: Date;
  priority?: (typeof TASK_PRIORITIES)[number];
  type?: (typeof TASK_TYPES)[number];
  contactId?: string;
  dealId?: string;
  ownerId?: string;
}

/** The body of HubSpot's task create call, exactly as sent. */
export interface HubSpotTaskCreateBody {
  properties: Record<string, string>;
  associations: { to: { id: string }; types: { associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }[] }[];
}

/** A task's progress: HubSpot's hs_task_status (NOT_STARTED, IN_PROGRESS, WAITING, COMPLETED, DEFERRED) and when it was completed. */
export interface HubSpotTaskStatus {
  status: string;
  /** hs_task_completion_date; null while the task is open (HubSpot clears it when a task is reopened). */
  completedAt: Date | null;
}

export const DEAL_PROPERTIES = ['dealname', 'pipeline', 'dealstage', 'amount', 'closedate', 'hubspot_owner_id', 'createdate', 'hs_lastmodifieddate'];
export const CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'company', 'jobtitle', 'lifecyclestage', 'hubspot_owner_id'];
export const TASK_STATUS_PROPERTIES = ['hs_task_status', 'hs_task_completion_date'];

type Properties = Record<string, string | null | undefined>;

export function toDeal(object: { id: string; properties: Properties; updatedAt?: Date }): HubSpotDeal {
  const p = object.properties;
  const amount = p.amount ? Number(p.amount) : NaN;
  return {
    id: object.id,
    name: p.dealname ?? null,
    pipelineId: p.pipeline ?? null,
    stageId: p.dealstage ?? null,
    amount: Number.isFinite(amount) ? amount : null,
    closeDate: p.closedate ?? null,
    ownerId: p.hubspot_owner_id ?? null,
    createdAt: p.createdate ?? null,
    modifiedAt: new Date(modifiedMs(object)).toISOString(),
  };
}

/** A datetime property: ISO 8601 or epoch ms, as HubSpot sends either depending on the property and portal; NaN when absent. */
function instantMs(raw: string | null | undefined): number {
  return raw ? (/^\d+$/.test(raw) ? Number(raw) : Date.parse(raw)) : NaN;
}

/** hs_lastmodifieddate comes as ISO 8601 (or epoch ms from older portals). */
export function modifiedMs(object: { properties: Properties; updatedAt?: Date }): number {
  const ms = instantMs(object.properties.hs_lastmodifieddate);
  return Number.isFinite(ms) ? ms : (object.updatedAt?.getTime() ?? 0);
}

/** A task without hs_task_status has never been touched: HubSpot's default is NOT_STARTED. */
export function toTaskStatus(object: { properties: Properties }): HubSpotTaskStatus {
  const completedMs = instantMs(object.properties.hs_task_completion_date);
  return { status: object.properties.hs_task_status ?? 'NOT_STARTED', completedAt: Number.isFinite(completedMs) ? new Date(completedMs) : null };
}

export function toContact(object: { id: string; properties: Properties }): HubSpotContact {
  const p = object.properties;
  return {
    id: object.id,
    email: p.email ?? null,
    firstName: p.firstname ?? null,
    lastName: p.lastname ?? null,
    company: p.company ?? null,
    jobTitle: p.jobtitle ?? null,
    lifecycleStage: p.lifecyclestage ?? null,
    ownerId: p.hubspot_owner_id ?? null,
  };
}
