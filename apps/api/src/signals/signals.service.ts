import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CommandQueueMove, IngestResponse, Page, SignalDetail, SignalSource, SignalView } from '@caseyos/contracts';
import { createHash } from 'node:crypto';
import { DataSource, IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { AccountsService } from '../command-queue/accounts/accounts.service';
import { Actor, CommandQueueService } from '../command-queue/command-queue.service';
import { CLOCK, Clock } from '../platform/clock/clock';
import { ProblemException } from '../platform/http/problem-details.filter';
import { newestFirstPage } from '../platform/http/keyset-page';
import { MetricsService } from '../platform/metrics/metrics.service';
import { Signal } from './entities/signal.entity';
import { SignalProcessorRegistry } from './processors/signal-processor.registry';
import { matchRule, rulesWithConditions } from './rules/signal-rules';

/** The same payload again within this window is the same signal. */
export const DEDUPE_WINDOW_MS = 5 * 60_000;

export interface IncomingSignal {
  source: SignalSource;
  kind: string;
  payload: Record<string, unknown>;
  contactEmail?: string | null;
  company?: string | null;
  externalId?: string | null;
  classification?: Signal['classification'];
}

export interface SignalFilters {
  source?: SignalSource;
  kind?: string;
  contact?: string;
  processed?: boolean;
  cursor?: string;
  limit: number;
}

@Injectable()
export class SignalsService {
  private readonly logger = new Logger('Signals');
  private readonly received;
  private readonly processed;
  private readonly deduplicated;
  private readonly recommended;

  constructor(
    @InjectRepository(Signal) private readonly signals: Repository<Signal>,
    private readonly dataSource: DataSource,
    private readonly registry: SignalProcessorRegistry,
    private readonly queue: CommandQueueService,
    private readonly accounts: AccountsService,
    @Inject(CLOCK) private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.received = metrics.counter('caseyos_signal_received_total', 'Signals accepted', ['source']);
    this.processed = metrics.counter('caseyos_signal_processed_total', 'Signals processed', ['source', 'outcome']);
    this.deduplicated = metrics.counter('caseyos_signal_deduplicated_total', 'Repeated signals answered as duplicates', ['source']);
    this.recommended = metrics.counter('caseyos_recommendation_generated_total', 'Moves created from signals', ['source', 'rule']);
  }

  /** Stores (or recognises a repeat), then turns a new signal into a move. */
  async receive(incoming: IncomingSignal, by: Actor): Promise<IngestResponse> {
    const { signal, duplicate } = await this.store(incoming);
    if (duplicate) {
      const move = signal.itemId ? await this.queue.get(signal.itemId).catch(() => null) : null;
      return { signal_id: signal.id, duplicate, move };
    }
    const move = await this.process(signal, by).catch((error: Error) => {
      // Stored already, so nothing is lost: the pending-signal job retries it.
      this.logger.error({ event: 'signal_processing_failed', signal_id: signal.id, source: signal.source, error: error.message });
      return null;
    });
    return { signal_id: signal.id, duplicate, move };
  }

  /**
   * One signal per payload per window, atomically: an advisory lock on the payload hash makes
   * concurrent identical deliveries queue up, and all but the first find the stored one.
   */
  async store(incoming: IncomingSignal): Promise<{ signal: Signal; duplicate: boolean }> {
    const payloadHash = createHash('sha256').update(canonicalJson({ source: incoming.source, kind: incoming.kind, payload: incoming.payload })).digest('hex');
    const now = this.clock.now();
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [payloadHash]);
      const existing = await manager.findOne(Signal, {
        where: { payloadHash, receivedAt: MoreThan(new Date(now.getTime() - DEDUPE_WINDOW_MS)) },
        order: { receivedAt: 'DESC' },
      });
      if (existing) return { signal: existing, duplicate: true };
      const signal = manager.create(Signal, {
        source: incoming.source,
        kind: incoming.kind,
        contactEmail: incoming.contactEmail?.toLowerCase() ?? null,
        company: incoming.company ?? null,
        externalId: incoming.externalId ?? null,
        payload: incoming.payload,
        payloadHash,
        receivedAt: now,
        processedAt: null,
        itemId: null,
        rule: null,
        classification: incoming.classification ?? null,
      });
      return { signal: await manager.save(signal), duplicate: false };
    });
    if (result.duplicate) {
      this.deduplicated.inc({ source: incoming.source });
      this.logger.log({ event: 'signal_deduplicated', source: incoming.source, kind: incoming.kind, signal_id: result.signal.id });
    } else {
      this.received.inc({ source: incoming.source });
      this.logger.log({ event: 'signal_received', source: incoming.source, kind: incoming.kind, signal_id: result.signal.id });
    }
    return result;
  }

  /** Applies the rules table; a signal no rule matches is marked processed with no move. */
  async process(signal: Signal, by: Actor): Promise<CommandQueueMove | null> {
    // The account lookup costs a query; only rules with a condition need it.
    const needsAccount = rulesWithConditions(signal.source, signal.kind);
    const facts = {
      ...this.registry.for(signal.source).facts(signal),
      isCustomer: needsAccount ? await this.accounts.isCustomer(signal.company) : false,
    };
    const rule = matchRule(signal.source, signal.kind, facts);
    let move: CommandQueueMove | null = null;
    if (rule) {
      const now = this.clock.now();
      ({ move } = await this.queue.create(
        {
          domain: rule.domain,
          actionType: rule.actionType,
          title: rule.title(facts).slice(0, 300),
          contactEmail: facts.contactEmail,
          contactName: facts.contactName,
          company: facts.company,
          dealId: facts.dealId ?? null,
          dealAmount: facts.amountUsd ?? null,
          signalId: signal.id,
          dueAt: new Date(now.getTime() + rule.dueInHours * 3_600_000),
          actionParams: { rule: rule.id },
          // One move per signal, however often processing is retried.
          originKey: `signal:${signal.id}`,
          scoreInputs: {
            amount_usd: facts.amountUsd ?? null,
            deal_stage: facts.toStage ?? null,
            signal_at: signal.receivedAt.toISOString(),
            signal_label: rule.label,
            intent: rule.intent,
          },
        },
        by,
      ));
      this.recommended.inc({ source: signal.source, rule: rule.id });
      this.logger.log({ event: 'recommendation_generated', signal_id: signal.id, rule: rule.id, item_id: move.id, aps: move.aps });
    }
    await this.signals.update({ id: signal.id }, { processedAt: this.clock.now(), itemId: move?.id ?? null, rule: rule?.id ?? null });
    this.processed.inc({ source: signal.source, outcome: rule ? 'move' : 'no_rule' });
    this.logger.log({ event: 'signal_processed', signal_id: signal.id, source: signal.source, rule: rule?.id ?? null });
    return move;
  }

  /** Signals whose processing failed or was cut short; the oldest first, a bounded batch. */
  async processPending(olderThanMs: number, batch: number): Promise<number> {
    const pending = await this.signals.find({
      where: { processedAt: IsNull(), receivedAt: LessThan(new Date(this.clock.now().getTime() - olderThanMs)) },
      order: { receivedAt: 'ASC' },
      take: batch,
    });
    for (const signal of pending) await this.process(signal, { actor: 'system:signals' });
    return pending.length;
  }

  async list(filters: SignalFilters): Promise<Page<SignalView>> {
    const query = this.signals.createQueryBuilder('signal');
    if (filters.source) query.andWhere('signal.source = :source', { source: filters.source });
    if (filters.kind) query.andWhere('signal.kind = :kind', { kind: filters.kind });
    if (filters.contact) query.andWhere('signal.contact_email = :contact', { contact: filters.contact.toLowerCase() });
    if (filters.processed !== undefined) query.andWhere(`signal.processed_at IS ${filters.processed ? 'NOT ' : ''}NULL`);
    const page = await newestFirstPage(query, 'received_at', (signal) => signal.receivedAt, filters.cursor, filters.limit);
    return { items: page.rows.map(toView), next_cursor: page.nextCursor };
  }

  async get(id: string): Promise<SignalDetail> {
    const signal = await this.signals.findOneBy({ id });
    if (!signal) throw new ProblemException(404, 'not-found', `No signal ${id}.`);
    const move = signal.itemId ? await this.queue.get(signal.itemId).catch(() => null) : null;
    return { ...toView(signal), move };
  }
}

export function toView(signal: Signal): SignalView {
  return {
    id: signal.id,
    source: signal.source,
    kind: signal.kind,
    contact_email: signal.contactEmail,
    company: signal.company,
    external_id: signal.externalId,
    payload: signal.payload,
    received_at: signal.receivedAt.toISOString(),
    processed_at: signal.processedAt?.toISOString() ?? null,
    item_id: signal.itemId,
    rule: signal.rule,
    classification: signal.classification,
  };
}

/** Key order must not make two equal payloads hash differently. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
