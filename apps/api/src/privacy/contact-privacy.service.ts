import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ContactErasureResponse, ContactExport, ErasedRows, ExternalRemoval } from '@caseyos/contracts';
import { DataSource } from 'typeorm';
import { Actor, CommandQueueService } from '../command-queue/command-queue.service';
import { ExecutionService } from '../execution/execution.service';
import { OutcomesService } from '../outcomes/outcomes.service';
import { AuditService } from '../platform/audit/audit.service';
import { CLOCK, Clock } from '../platform/clock/clock';
import { Pseudonyms } from '../platform/crypto/pseudonyms';
import { ProblemException } from '../platform/http/problem-details.filter';
import { ContactAddress } from '../platform/personal-data/contact-address';
import { SignalsService } from '../signals/signals.service';

/**
 * A person's data across CaseyOS (docs/PRIVACY.md): exported, or erased. Each module finds,
 * exports and erases its own rows through its service; this one only passes ids between them
 * (a signal's moves, a move's executions) and holds the transaction they all write in.
 */
@Injectable()
export class ContactPrivacyService {
  private readonly logger = new Logger('Privacy');

  constructor(
    private readonly dataSource: DataSource,
    private readonly signals: SignalsService,
    private readonly queue: CommandQueueService,
    private readonly executions: ExecutionService,
    private readonly outcomes: OutcomesService,
    private readonly audit: AuditService,
    private readonly pseudonyms: Pseudonyms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Everything held about the person, grouped by kind; audited under their pseudonym, with the count of each kind. */
  async export(email: string, by: Actor): Promise<ContactExport> {
    const address = ContactAddress.of(email);
    const signals = await this.signals.exportContact(address);
    const moveIds = await this.queue.contactMoveIds(
      address,
      signals.map((signal) => signal.id),
    );
    const [moves, executions, outcomes] = await Promise.all([
      this.queue.exportContact(address, moveIds),
      this.executions.exportContact(address, moveIds),
      this.outcomes.exportContact(address, moveIds),
    ]);
    const relatedIds = [...moveIds, ...executions.executions.map((execution) => execution.id), ...outcomes.map((outcome) => outcome.id)];
    const audit = await this.audit.exportContact(address, relatedIds);
    const document: ContactExport = {
      contact_email: address.email,
      contact_ref: this.pseudonyms.contactRef(address.email),
      exported_at: this.clock.now().toISOString(),
      signals,
      moves,
      executions: executions.executions,
      draft_assets: executions.draftAssets,
      outcomes,
      audit,
    };
    const counts = Object.fromEntries(
      (['signals', 'moves', 'executions', 'draft_assets', 'outcomes', 'audit'] as const).map((kind) => [kind, document[kind].length]),
    );
    await this.audit.record({ ...this.entry('contact.exported', document.contact_ref, by), detail: { counts } });
    return document;
  }

  /**
   * Erases the person. First what CaseyOS made for them in Gmail and HubSpot (still-open drafts
   * and tasks), because a provider can fail: then nothing in Postgres is touched, the failure is
   * answered (502, with every object's fate) and audited, and erasing again carries on. Then one
   * transaction in which each module deletes or scrubs its rows, and the audit keeps that the
   * erasure happened: by whom, when, the counts, under the address's pseudonym.
   */
  async erase(email: string, by: Actor): Promise<ContactErasureResponse> {
    const address = ContactAddress.of(email);
    const ref = this.pseudonyms.contactRef(address.email);
    const signalIds = (await this.signals.exportContact(address)).map((signal) => signal.id);
    const external = await this.executions.removeContactObjects(address, await this.queue.contactMoveIds(address, signalIds));
    if (external.failed.length > 0) await this.refuseIncomplete(ref, external, by);

    const erasedAt = this.clock.now();
    const { tables, announce } = await this.dataSource.transaction(async (manager) => {
      const signals = await this.signals.eraseContact(manager, address);
      const moveIds = await this.queue.contactMoveIds(address, signals.signalIds, manager);
      const executions = await this.executions.eraseContact(manager, address, moveIds, external);
      const kept = new Set(executions.keptMoveIds);
      const deletedMoveIds = moveIds.filter((id) => !kept.has(id));
      const outcomes = await this.outcomes.eraseContact(manager, address, moveIds, deletedMoveIds);
      const moves = await this.queue.eraseContact(manager, address, moveIds, executions.keptMoveIds, by);
      const audited = await this.audit.eraseContact(manager, address, [...moveIds, ...executions.executionIds, ...outcomes.outcomeIds]);
      const tables: Record<string, ErasedRows> = {
        ...signals.tables,
        command_queue_items: moves.rows,
        ...executions.tables,
        outcome_events: { deleted: outcomes.deleted, scrubbed: outcomes.scrubbed },
        audit_log: { deleted: 0, scrubbed: audited },
      };
      await this.audit.recordWithin(manager, [
        { ...this.entry('contact.erased', ref, by), detail: { tables, external: { removed: external.removed.length, kept: external.kept.length } } },
      ]);
      return {
        tables,
        announce: async () => {
          await moves.announce();
          await executions.announce();
        },
      };
    });
    await announce();
    this.logger.log({ event: 'contact_erased', contact_ref: ref, removed: external.removed.length, kept: external.kept.length });
    return { contact_ref: ref, erased_at: erasedAt.toISOString(), tables, external: { removed: external.removed, kept: external.kept } };
  }

  private async refuseIncomplete(ref: string, external: ExternalRemoval, by: Actor): Promise<never> {
    await this.audit.record({
      ...this.entry('contact.erasure_failed', ref, by),
      result: 'failure',
      detail: { removed: external.removed.length, kept: external.kept.length, failed: external.failed },
    });
    throw new ProblemException(
      502,
      'erasure-incomplete',
      `${external.failed.length} object(s) made for this contact could not be removed from the provider; nothing in CaseyOS was erased yet. Erase again once the provider answers.`,
      { erasure: external },
    );
  }

  private entry(action: string, subject: string, by: Actor) {
    return { actor: by.actor, action, subject, requestId: by.requestId ?? null, result: 'success' as const };
  }
}
