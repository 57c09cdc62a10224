import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { OutcomeEvidence, OutcomeRecordedEvent, OutcomeType, OutcomeView } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import type { Actor } from '../command-queue/command-queue.service';
import { AuditService } from '../platform/audit/audit.service';
import { CLOCK, Clock } from '../platform/clock/clock';
import { WriteStatement } from '../platform/database/write-statement';
import { EventBus } from '../platform/events/event-bus.service';
import { OutcomeEvent } from './entities/outcome-event.entity';
import { LearningRefresh } from './learning/learning-refresh';
import { evidenceKeyOf } from './evidence-key';
import { OutcomeRecords } from './outcome-records';
import { OutcomeTelemetry } from './outcome-telemetry';
import { toOutcomeView } from './outcome.mapper';

export interface OutcomeToRecord {
  itemId: string;
  /** The execution the outcome answers; null for a move not executed (before it happened). The caller checks it belongs to the move. */
  executionId: string | null;
  outcomeType: OutcomeType;
  contactEmail: string | null;
  detectedAt: Date;
  /** `manual` or the detector's name. */
  source: string;
  evidence: OutcomeEvidence;
  by: Actor;
}

export interface RecordedOutcome {
  /** False when the same evidence was recorded before: `outcome` is that record. */
  created: boolean;
  outcome: OutcomeView;
}

/**
 * The one way outcomes are written, by the manual endpoint and every detector: once per piece of
 * evidence (execution or move, type, evidence key), with its audit entry in the same statement,
 * then counted, logged and announced on the live stream.
 */
@Injectable()
export class OutcomeRecorder {
  constructor(
    @InjectRepository(OutcomeEvent) private readonly events: Repository<OutcomeEvent>,
    private readonly records: OutcomeRecords,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
    private readonly telemetry: OutcomeTelemetry,
    private readonly learning: LearningRefresh,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(outcome: OutcomeToRecord): Promise<RecordedOutcome> {
    const event = this.events.create({
      id: randomUUID(),
      itemId: outcome.itemId,
      executionId: outcome.executionId,
      outcomeType: outcome.outcomeType,
      contactEmail: outcome.contactEmail?.toLowerCase() ?? null,
      detectedAt: outcome.detectedAt,
      source: outcome.source,
      metadata: outcome.evidence,
      evidenceKey: evidenceKeyOf(outcome.evidence),
      actor: outcome.by.actor,
      createdAt: this.clock.now(),
    });
    const statement = new WriteStatement();
    const recorded = statement.insert('recorded_outcome', this.events.metadata, event, { onConflict: 'ON CONFLICT DO NOTHING', returning: 'id' });
    this.audit.addTo(statement, 'recorded_outcome_audit', recorded, {
      actor: outcome.by.actor,
      action: 'outcome.recorded',
      subject: `outcome_event:${event.id}`,
      requestId: outcome.by.requestId ?? null,
      result: 'success',
      detail: {
        item_id: event.itemId,
        execution_id: event.executionId,
        outcome_type: event.outcomeType,
        source: event.source,
        evidence_key: event.evidenceKey,
      },
    });
    const written = await statement.write(this.events.manager);
    if (!written.yielded(recorded)) {
      // A conflicting insert has committed by the time ON CONFLICT yields, so the read finds it.
      const existing = toOutcomeView(await this.records.same(event));
      this.telemetry.deduplicated(existing);
      return { created: false, outcome: existing };
    }
    const view = toOutcomeView(event);
    this.telemetry.recorded(view);
    await this.bus.publish('outcome.recorded', { type: 'outcome.recorded', outcome: view } satisfies OutcomeRecordedEvent);
    await this.learning.outcomeRecorded(view);
    return { created: true, outcome: view };
  }
}
