import { Injectable, Logger } from '@nestjs/common';
import type {
  DraftAsset,
  ErasedObjectRef,
  ErasedRows,
  ExecutionStatus,
  ExecutionView,
  ExternalErasure,
  ExternalObject,
  ExternalRemoval,
  KeptObjectReason,
} from '@caseyos/contracts';
import type { EntityManager } from 'typeorm';
import { ConnectorError } from '../connectors/errors/connector-errors';
import { ProblemException } from '../platform/http/problem-details.filter';
import { ContactAddress, ERASED } from '../platform/personal-data/contact-address';
import { DraftAssetsService } from './assets/draft-assets.service';
import type { Execution } from './entities/execution.entity';
import { IrreversibleError } from './execution-problems';
import { ExecutionRecords, UNSETTLED_PROBLEM_TYPES } from './execution-records';
import { ExecutionRunner } from './execution-runner';
import { ExecutionSettings } from './execution-settings';
import { toExecutionView } from './execution.mapper';
import { GmailDraftEffect } from './handlers/effects/gmail-draft.effect';
import { HubSpotTaskEffect } from './handlers/effects/hubspot-task.effect';
import type { RunOptions } from './handlers/execution-handler';
import { ExecutionHandlerRegistry } from './handlers/handler.registry';
import { IdempotentResponseCache } from './idempotency/idempotency';

export interface ErasedExecutions {
  tables: Record<'executions' | 'draft_assets', ErasedRows>;
  /** Moves whose executions stay (anonymous): the queue keeps them for the counts. */
  keptMoveIds: string[];
  /** Every execution of the person, kept or deleted: audit entries about them lose their free text. */
  executionIds: string[];
  /** After the commit: the changed executions on the live stream. */
  announce: () => Promise<void>;
}

/** Executions whose objects may still be in the provider. */
const HOLDING_OBJECTS: readonly ExecutionStatus[] = ['succeeded', 'rollback_failed'];

const refOf = (executionId: string, object: ExternalObject): ErasedObjectRef => ({ execution_id: executionId, kind: object.kind, id: object.id });
const keyOf = (ref: ErasedObjectRef) => `${ref.execution_id}/${ref.kind}/${ref.id}`;

/**
 * A person's executions, for the privacy module through ExecutionService: exported as they are;
 * erased in two steps. First, outside Postgres, the Gmail drafts and HubSpot tasks their
 * executions made that are still open are removed through the same effects a rollback uses (a
 * sent email, a completed task and a meeting stay, and are listed). Then, in the erasure's
 * transaction, dry runs and queued executions are deleted, and real ones stay for the counts
 * (limits, stats, learning) with everything about the person taken out.
 */
@Injectable()
export class ContactExecutions {
  private readonly logger = new Logger('Execution');

  constructor(
    private readonly records: ExecutionRecords,
    private readonly assets: DraftAssetsService,
    private readonly drafts: GmailDraftEffect,
    private readonly tasks: HubSpotTaskEffect,
    private readonly handlers: ExecutionHandlerRegistry,
    private readonly cache: IdempotentResponseCache,
    private readonly runner: ExecutionRunner,
    private readonly settings: ExecutionSettings,
  ) {}

  async export(address: ContactAddress, moveIds: readonly string[]): Promise<{ executions: ExecutionView[]; draftAssets: DraftAsset[] }> {
    const executions = await this.records.ofContact(this.records.manager, address, moveIds, { mentions: true });
    const own = executions.filter((execution) => execution.contactEmail === address.email || moveIds.includes(execution.itemId));
    return {
      executions: executions.map((execution) => this.view(execution)),
      draftAssets: await this.assets.ofExecutionsOrMentioning(
        own.map((execution) => execution.id),
        address,
      ),
    };
  }

  /**
   * Removes what the person's executions made that is still open in Gmail and HubSpot, and the
   * answers cached in Redis for their idempotency keys. Every object is tried; those that failed
   * are reported, and the caller erases nothing in Postgres until none does, so erasing again
   * finishes the job (an object already gone counts as removed).
   */
  async removeObjects(address: ContactAddress, moveIds: readonly string[]): Promise<ExternalRemoval> {
    const executions = (await this.records.ofContact(this.records.manager, address, moveIds)).filter((execution) => !execution.dryRun);
    refuseWhileRunning(executions);
    await this.forgetAnswers(executions);
    const removal: ExternalRemoval = { removed: [], kept: [], failed: [] };
    const found: { executionId: string; object: ExternalObject }[] = [];
    for (const execution of executions) {
      try {
        found.push(...(await this.objectsOf(execution)).map((object) => ({ executionId: execution.id, object })));
      } catch (error) {
        const creates = this.handlers.for(execution.actionType).creates;
        const kind = creates.find((candidate) => candidate !== 'asset') ?? creates[0];
        removal.failed.push({ execution_id: execution.id, kind, id: null, reason: this.reasonOf(error) });
      }
    }
    const taskIds = found.filter(({ object }) => object.kind === 'hubspot_task').map(({ object }) => object.id);
    const statuses = taskIds.length > 0 ? await this.tasks.statuses(taskIds, this.deadline()).catch((error: unknown) => ({ error })) : new Map();
    for (const { executionId, object } of found) {
      const ref = refOf(executionId, object);
      try {
        const kept = await this.removeOne(object, statuses, this.options(executionId));
        if (kept) removal.kept.push({ ...ref, reason: kept });
        else removal.removed.push(ref);
      } catch (error) {
        removal.failed.push({ ...ref, reason: this.reasonOf(error) });
      }
    }
    return removal;
  }

  /**
   * Inside the erasure's transaction, after `removeObjects` succeeded: an execution that made an
   * object since (not in `removal`) makes it a 409, to be erased again; so does one running.
   */
  async erase(manager: EntityManager, address: ContactAddress, moveIds: readonly string[], removal: ExternalErasure): Promise<ErasedExecutions> {
    const executions = await this.records.ofContact(manager, address, moveIds, { lock: true });
    refuseWhileRunning(executions);
    const settled = new Set([...removal.removed, ...removal.kept].map(keyOf));
    const unsettled = executions.filter((execution) => heldObjects(execution).some((object) => !settled.has(keyOf(refOf(execution.id, object)))));
    if (unsettled.length > 0) {
      throw new ProblemException(
        409,
        'conflict',
        `Execution ${unsettled[0].id} for this contact made something while the contact was being erased; erase again.`,
      );
    }
    const deleted = executions.filter((execution) => execution.dryRun || execution.status === 'queued');
    const stays = executions.filter((execution) => !deleted.includes(execution));
    const assets = await this.assets.eraseContact(
      manager,
      executions.map((execution) => execution.id),
      address,
    );
    const deletedCount = await this.records.deleteWithin(
      manager,
      deleted.map((execution) => execution.id),
    );
    const kept = new Set(removal.kept.map(keyOf));
    const scrubbed: Execution[] = [];
    for (const execution of stays) {
      const changes = anonymous(execution, (object) => kept.has(keyOf(refOf(execution.id, object))));
      await this.records.update(manager, execution.id, changes);
      scrubbed.push({ ...execution, ...changes });
    }
    const mentioning = await this.records.scrubMentions(manager, address);
    return {
      tables: {
        executions: { deleted: deletedCount, scrubbed: new Set([...stays.map((execution) => execution.id), ...mentioning]).size },
        draft_assets: assets,
      },
      keptMoveIds: [...new Set(stays.map((execution) => execution.itemId))],
      executionIds: executions.map((execution) => execution.id),
      announce: async () => {
        for (const execution of scrubbed) await this.runner.announce(this.view(execution));
      },
    };
  }

  /** What may still be in a provider: a finished execution's objects, or what an aborted attempt may have left (found by its markers). */
  private async objectsOf(execution: Execution): Promise<ExternalObject[]> {
    if (HOLDING_OBJECTS.includes(execution.status)) return heldObjects(execution);
    const aborted = ['failed', 'timed_out'].includes(execution.status) && UNSETTLED_PROBLEM_TYPES.includes(execution.error?.type ?? '');
    if (!aborted || !execution.plan) return [];
    const removedAlready = new Set((execution.result?.stray_removed ?? []).map((object) => `${object.kind}/${object.id}`));
    const found = await this.handlers.for(execution.actionType).findExisting(execution.plan, this.options(execution.id));
    return found.filter((object) => object.kind !== 'asset' && !removedAlready.has(`${object.kind}/${object.id}`));
  }

  /** Null when the object is gone now (or was already); else why it stays. */
  private async removeOne(
    object: ExternalObject,
    statuses: Map<string, { status: string }> | { error: unknown },
    options: RunOptions,
  ): Promise<KeptObjectReason | null> {
    if (object.kind === 'calendar_event') return 'meeting';
    if (object.kind === 'gmail_draft') {
      try {
        await this.drafts.remove(object, options);
        return null;
      } catch (error) {
        if (error instanceof IrreversibleError) return 'sent';
        throw error;
      }
    }
    if ('error' in statuses) throw statuses.error;
    const task = statuses.get(object.id);
    if (!task) return null;
    if (task.status === 'COMPLETED') return 'completed';
    await this.tasks.remove(object, options);
    return null;
  }

  private async forgetAnswers(executions: readonly Execution[]): Promise<void> {
    try {
      await this.cache.forget(executions.flatMap((execution) => (execution.idempotencyKey ? [execution.idempotencyKey] : [])));
    } catch (error) {
      this.logger.warn({ event: 'erasure_cache_unavailable', error: (error as Error).message });
      throw new ProblemException(
        503,
        'unavailable',
        'Redis did not answer, so the answers cached for this contact could not be dropped; nothing was erased. Try again.',
      );
    }
  }

  private reasonOf(error: unknown): string {
    if (error instanceof ConnectorError) return error.message;
    this.logger.warn({ event: 'erasure_object_failed', error: (error as Error).message });
    return 'the provider did not confirm the removal';
  }

  /** Each provider call gets an execution's deadline. */
  private options(executionId: string): RunOptions {
    return { executionId, signal: this.deadline() };
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.settings.EXECUTION_TIMEOUT_SECONDS * 1000);
  }

  private view(execution: Execution): ExecutionView {
    return toExecutionView(execution, this.handlers.for(execution.actionType).reversible);
  }
}

function refuseWhileRunning(executions: readonly Execution[]): void {
  const running = executions.find((execution) => execution.status === 'running' && !execution.dryRun);
  if (running) {
    throw new ProblemException(
      409,
      'execution-in-progress',
      `Execution ${running.id} for this contact is running; erase the contact again once it has finished.`,
    );
  }
}

/** The provider objects a finished execution holds (its assets are rows, deleted with it). */
function heldObjects(execution: Execution): ExternalObject[] {
  if (execution.dryRun || !HOLDING_OBJECTS.includes(execution.status)) return [];
  return (execution.result?.objects ?? []).filter((object) => object.kind !== 'asset');
}

/**
 * An execution as it stays after its contact is erased: what it was (action, status, times,
 * attempts, the problem's type) without whom or what it was about. Its result keeps only the
 * objects left in place (a sent email, a completed task, a meeting), so a rollback can still
 * reach them.
 */
function anonymous(execution: Execution, left: (object: ExternalObject) => boolean): Partial<Execution> {
  return {
    contactEmail: null,
    title: ERASED,
    idempotencyKey: null,
    idempotencyExpiresAt: null,
    plan: null,
    result: execution.result ? { objects: execution.result.objects.filter(left) } : null,
    error: execution.error ? { type: execution.error.type, title: execution.error.title, status: execution.error.status } : null,
    responseStatus: null,
    responseBody: null,
  };
}
