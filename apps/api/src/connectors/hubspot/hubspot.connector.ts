import { Inject, Injectable } from '@nestjs/common';
import { AssociationTypes } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/deals';
import { FilterOperatorEnum as TaskFilterOperator, SimplePublicObjectInputForCreate } from '@hubspot/api-client/lib/codegen/crm/objects/tasks';
import { CLOCK, Clock } from '../../platform/clock/clock';
import { ConnectorCallOptions } from '../call-options';
import { ConnectorSettings } from '../connector-settings';
import { ConnectorNotFoundError, ConnectorTransientError } from '../errors/connector-errors';
import { IntegrationsService } from '../oauth/integrations.service';
import { recordingSync } from '../sync-recording';
import { HubSpotApiService } from './hubspot-api.service';
import { WindowPage, walkModifiedSince } from './hubspot-deal-window';
import {
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  HubSpotContact,
  HubSpotDeal,
  HubSpotDealBatch,
  HubSpotPipeline,
  HubSpotTaskCreateBody,
  HubSpotTaskStatus,
  NewHubSpotTask,
  TASK_STATUS_PROPERTIES,
  modifiedMs,
  toContact,
  toDeal,
  toTaskStatus,
} from './hubspot-records';

export const HUBSPOT_DEALS_CURSOR = 'hubspot_deals_modified_since';

type DealItem = { id: string; modifiedAt: number; deal: HubSpotDeal };

/** HubSpot's tokenizer may split at punctuation, so a token meant for CONTAINS_TOKEN is letters and digits only. */
const SEARCH_TOKEN = /^[A-Za-z0-9]+$/;

/** HubSpot's cap on the inputs of one batch call. */
const BATCH_SIZE = 100;

/** The HubSpot port: deals, pipelines, contacts and tasks, nothing more. */
@Injectable()
export class HubSpotConnector {
  private pipelineCache: { expiresAt: number; pipelines: Promise<HubSpotPipeline[]> } | null = null;

  constructor(
    private readonly api: HubSpotApiService,
    private readonly integrations: IntegrationsService,
    private readonly settings: ConnectorSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Deals modified at or after `cursor` (default: the saved cursor, else all), oldest first.
   * Save the returned cursor with saveDealsCursor once the deals are stored.
   */
  searchDealsModifiedSince(cursor?: string): Promise<HubSpotDealBatch> {
    return recordingSync(this.integrations, 'hubspot', async () => {
      const since = cursor ?? (await this.integrations.cursor('hubspot', HUBSPOT_DEALS_CURSOR));
      const walked = await walkModifiedSince(since ? Date.parse(since) : 0, (sinceMs, after) => this.dealPage(sinceMs, after), {
        pageSize: this.settings.HUBSPOT_SEARCH_PAGE_SIZE,
        resultCap: this.settings.HUBSPOT_SEARCH_RESULT_CAP,
        maxPages: this.settings.HUBSPOT_SYNC_MAX_PAGES,
      });
      return { deals: walked.items.map((item) => item.deal), cursor: new Date(walked.cursorMs).toISOString(), complete: walked.complete };
    });
  }

  saveDealsCursor(cursor: string): Promise<void> {
    return this.integrations.recordSuccess('hubspot', { [HUBSPOT_DEALS_CURSOR]: cursor });
  }

  async getDeal(id: string): Promise<HubSpotDeal | null> {
    const deal = await orNull(this.api.call('deals.get', (sdk) => sdk.crm.deals.basicApi.getById(id, DEAL_PROPERTIES), { idempotent: true }));
    return deal && toDeal(deal);
  }

  /** The deal's first associated contact (email, name, company), or null when it has none. */
  async dealContact(dealId: string): Promise<HubSpotContact | null> {
    const deal = await orNull(
      this.api.call('deals.get_associations', (sdk) => sdk.crm.deals.basicApi.getById(dealId, ['hs_object_id'], undefined, ['contacts']), {
        idempotent: true,
      }),
    );
    const contactId = deal?.associations?.contacts?.results?.[0]?.id;
    if (!contactId) return null;
    const contact = await orNull(
      this.api.call('contacts.get', (sdk) => sdk.crm.contacts.basicApi.getById(contactId, CONTACT_PROPERTIES), { idempotent: true }),
    );
    return contact && toContact(contact);
  }

  /** Deal pipelines with their stage labels, cached for HUBSPOT_PIPELINES_TTL_SECONDS. */
  pipelines(): Promise<HubSpotPipeline[]> {
    const now = this.clock.now().getTime();
    if (!this.pipelineCache || this.pipelineCache.expiresAt <= now) {
      const pipelines = this.fetchPipelines();
      const entry = { expiresAt: now + this.settings.HUBSPOT_PIPELINES_TTL_SECONDS * 1000, pipelines };
      this.pipelineCache = entry;
      // A failure is not cached: the next caller asks again.
      pipelines.catch(() => {
        if (this.pipelineCache === entry) this.pipelineCache = null;
      });
    }
    return this.pipelineCache.pipelines;
  }

  async contactByEmail(email: string): Promise<HubSpotContact | null> {
    const contact = await orNull(
      this.api.call('contacts.get_by_email', (sdk) => sdk.crm.contacts.basicApi.getById(email, CONTACT_PROPERTIES, undefined, undefined, false, 'email'), {
        idempotent: true,
      }),
    );
    return contact && toContact(contact);
  }

  /** A task due at `dueAt`, associated with the contact and deal given. */
  async createTask(task: NewHubSpotTask, options: ConnectorCallOptions = {}): Promise<{ id: string }> {
    const body = this.taskCreateRequest(task);
    // The SDK types the association category as its own enum; the value is the same string.
    const created = await this.api.call('tasks.create', (sdk) => sdk.crm.objects.tasks.basicApi.create(body as SimplePublicObjectInputForCreate), {
      idempotent: false,
      ...options,
    });
    return { id: created.id };
  }

  /** The body createTask sends for `task` (no call), e.g. for a plan to show. */
  taskCreateRequest(task: NewHubSpotTask): HubSpotTaskCreateBody {
    const properties: Record<string, string> = {
      hs_timestamp: task.dueAt.toISOString(),
      hs_task_subject: task.subject,
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: task.priority ?? 'NONE',
      hs_task_type: task.type ?? 'TODO',
      ...(task.body ? { hs_task_body: task.body } : {}),
      ...(task.ownerId ? { hubspot_owner_id: task.ownerId } : {}),
    };
    const associate = (id: string, associationTypeId: number) => ({
      to: { id },
      types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId }],
    });
    const associations = [
      ...(task.contactId ? [associate(task.contactId, AssociationTypes.taskToContact)] : []),
      ...(task.dealId ? [associate(task.dealId, AssociationTypes.taskToDeal)] : []),
    ];
    return { properties, associations };
  }

  /**
   * Where a person opens tasks in HubSpot: a link maker for task ids, or null when the hub id is
   * not known (a private-app token connection). One read for any number of links. The app host
   * redirects to the account's data centre.
   */
  async taskLinks(): Promise<((taskId: string) => string) | null> {
    const hubId = await this.integrations.accountId('hubspot');
    return hubId ? (taskId) => `https://app.hubspot.com/tasks/${encodeURIComponent(hubId)}/view/all/task/${encodeURIComponent(taskId)}` : null;
  }

  /**
   * The tasks whose body holds `token` as a whole word (CONTAINS_TOKEN), oldest first (at most
   * 10). HubSpot's search index trails writes by a few seconds, so a task made just now may not
   * be found yet.
   */
  async findTasksByToken(token: string, options: ConnectorCallOptions = {}): Promise<{ id: string }[]> {
    if (!SEARCH_TOKEN.test(token)) throw new Error(`a task search token must be letters and digits only, got ${token}`);
    const page = await this.api.call(
      'tasks.search',
      (sdk) =>
        sdk.crm.objects.tasks.searchApi.doSearch({
          filterGroups: [{ filters: [{ propertyName: 'hs_task_body', operator: TaskFilterOperator.ContainsToken, value: token }] }],
          sorts: ['hs_createdate'],
          properties: ['hs_object_id'],
          limit: 10,
        }),
      { idempotent: true, search: true, ...options },
    );
    return page.results.map((task) => ({ id: task.id }));
  }

  /**
   * True when the task was there and is gone now, false when HubSpot says it was not there; throws
   * otherwise. HubSpot's archive answers 204 for any id, archived or never known, so only reads
   * can tell: one before (was it there?) and one after (is it gone?), each trusted only when
   * HubSpot says OBJECT_NOT_FOUND.
   */
  async deleteTask(id: string, options: ConnectorCallOptions = {}): Promise<boolean> {
    if (!(await this.taskExists(id, options))) return false;
    await this.api.call('tasks.delete', (sdk) => sdk.crm.objects.tasks.basicApi.archive(id), { idempotent: true, ...options });
    if (await this.taskExists(id, options))
      throw new ConnectorTransientError('hubspot', `task ${id} is still there after archiving`, { reason: 'STILL_PRESENT' });
    return true;
  }

  /**
   * Status and completion time of each task, read 100 at a time (one request each, repeatable).
   * Tasks HubSpot does not return (archived, deleted, never known: its 207 OBJECT_NOT_FOUND) are
   * absent from the map. Any other per-task error fails the call, so an absence always means
   * HubSpot said the task is not there.
   */
  async taskStatuses(ids: string[], options: ConnectorCallOptions = {}): Promise<Map<string, HubSpotTaskStatus>> {
    const statuses = new Map<string, HubSpotTaskStatus>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += BATCH_SIZE) {
      const inputs = unique.slice(start, start + BATCH_SIZE).map((id) => ({ id }));
      const batch = await this.api.call(
        'tasks.batch_read',
        (sdk) => sdk.crm.objects.tasks.batchApi.read({ inputs, properties: TASK_STATUS_PROPERTIES, propertiesWithHistory: [] }),
        { idempotent: true, ...options },
      );
      const failed = 'errors' in batch ? batch.errors?.find((error) => error.category !== 'OBJECT_NOT_FOUND') : undefined;
      if (failed) throw new ConnectorTransientError('hubspot', `task batch read failed in part: ${failed.category}`, { reason: failed.category });
      for (const task of batch.results) statuses.set(task.id, toTaskStatus(task));
    }
    return statuses;
  }

  private async taskExists(id: string, options: ConnectorCallOptions): Promise<boolean> {
    try {
      await this.api.call('tasks.get', (sdk) => sdk.crm.objects.tasks.basicApi.getById(id, ['hs_object_id']), { idempotent: true, ...options });
      return true;
    } catch (error) {
      if (error instanceof ConnectorNotFoundError && error.objectMissing) return false;
      throw error;
    }
  }

  private async dealPage(sinceMs: number, after: string | undefined): Promise<WindowPage<DealItem>> {
    const page = await this.api.call(
      'deals.search',
      (sdk) =>
        sdk.crm.deals.searchApi.doSearch({
          filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: FilterOperatorEnum.Gte, value: String(sinceMs) }] }],
          sorts: ['hs_lastmodifieddate'],
          properties: DEAL_PROPERTIES,
          limit: this.settings.HUBSPOT_SEARCH_PAGE_SIZE,
          after,
        }),
      { idempotent: true, search: true },
    );
    return {
      results: page.results.map((object) => ({ id: object.id, modifiedAt: modifiedMs(object), deal: toDeal(object) })),
      nextAfter: page.paging?.next?.after,
    };
  }

  private async fetchPipelines(): Promise<HubSpotPipeline[]> {
    const { results } = await this.api.call('pipelines.list', (sdk) => sdk.crm.pipelines.pipelinesApi.getAll('deals'), { idempotent: true });
    return results.map((pipeline) => ({
      id: pipeline.id,
      label: pipeline.label,
      stages: [...pipeline.stages]
        .sort((a, b) => a.displayOrder - b.displayOrder)
        .map((stage) => ({
          id: stage.id,
          label: stage.label,
          displayOrder: stage.displayOrder,
          probability: stage.metadata?.probability ? Number(stage.metadata.probability) : null,
          isClosed: stage.metadata?.isClosed === 'true',
        })),
    }));
  }
}

async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ConnectorNotFoundError) return null;
    throw error;
  }
}
