import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ActionType, Domain, OutcomeType } from '@caseyos/contracts';
import { Subscription } from 'rxjs';
import { ACCOUNT_ACTIVITY_DAYS, AccountActivity, AccountActivityPort } from '../../accounts/account-activity.port';
import {
  CONTACT_HISTORY_OUTCOMES,
  CONTACT_HISTORY_WINDOW_MS,
  LearnedOutcome,
  contactHistoryOf,
  successHistoryOf,
} from '../../command-queue/aps/learned-history';
import type { ContactHistory, SuccessHistory } from '../../command-queue/aps/score-inputs';
import { CommandQueueService } from '../../command-queue/command-queue.service';
import { OutcomeHistoryPort } from '../../command-queue/outcome-history.port';
import { ExecutionService } from '../../execution/execution.service';
import { SharedResultCache } from '../../platform/cache/shared-result-cache';
import { CLOCK, Clock, DAY_MS } from '../../platform/clock/clock';
import { EventBus } from '../../platform/events/event-bus.service';
import { SignalsService } from '../../signals/signals.service';
import { OutcomeRecords } from '../outcome-records';
import { OutcomeSettings } from '../outcome-settings';
import { accountActivityOf } from './account-activity';

/**
 * Scoring reads these per move, so each answer is kept this long per process. A recorded
 * outcome drops them at once (in the recording process, and through the event bus in every
 * process serving streams); the time limit covers the rest: a worker-only process, an
 * attribution window closing, a new signal or execution.
 */
const HISTORY_TTL_MS = 30_000;
/** Success rates rest on the executions of the last year: they follow a changing market, and the read stays bounded. */
const SUCCESS_HISTORY_DAYS = 365;
/** An account's activity is read from at most this many of its contacts' newest signals. */
const ACCOUNT_SIGNALS_READ = 500;
/** Outcome types an account's activity counts. */
const ACCOUNT_OUTCOMES: readonly OutcomeType[] = ['negative_reply', 'deal_regressed'];

/**
 * The outcomes module's answer to the queue's OUTCOME_HISTORY port and the accounts' activity
 * port (docs/APS.md, Learning):
 * outcome_events read here, executions and signals through their modules' services, the
 * definitions shared with the evaluation harness (learned-history.ts).
 */
@Injectable()
export class OutcomeHistoryService implements OutcomeHistoryPort, AccountActivityPort, OnModuleInit, OnModuleDestroy {
  private readonly successes = new SharedResultCache<SuccessHistory>(HISTORY_TTL_MS);
  private readonly contacts = new SharedResultCache<ContactHistory>(HISTORY_TTL_MS);
  /** Most moves are about someone with no recent outcome: one shared read says who has one, so scoring them costs no query. */
  private readonly contactsWithHistory = new SharedResultCache<Set<string>>(HISTORY_TTL_MS);
  private readonly accounts = new SharedResultCache<AccountActivity>(HISTORY_TTL_MS);
  private busSubscription?: Subscription;

  constructor(
    private readonly records: OutcomeRecords,
    private readonly executions: ExecutionService,
    private readonly signals: SignalsService,
    private readonly queue: CommandQueueService,
    private readonly bus: EventBus,
    private readonly settings: OutcomeSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.busSubscription = this.bus.events.subscribe((event) => {
      if (event.type === 'outcome.recorded') this.forget();
    });
  }

  onModuleDestroy() {
    this.busSubscription?.unsubscribe();
  }

  /** Drops every remembered answer: an outcome may move any of them. */
  forget(): void {
    this.successes.clear();
    this.contacts.clear();
    this.contactsWithHistory.clear();
    this.accounts.clear();
  }

  successHistory(domain: Domain, actionType: ActionType, options: { fresh?: boolean } = {}): Promise<SuccessHistory> {
    if (options.fresh) return this.readSuccessHistory(domain, actionType);
    return this.successes.get(`${domain}:${actionType}`, this.clock.now().getTime(), () => this.readSuccessHistory(domain, actionType));
  }

  async contactHistory(email: string): Promise<ContactHistory> {
    const contact = email.toLowerCase();
    const now = this.clock.now().getTime();
    const withHistory = await this.contactsWithHistory.get('all', now, () =>
      this.records.contactsWithOutcomesSince(CONTACT_HISTORY_OUTCOMES, new Date(now - CONTACT_HISTORY_WINDOW_MS)),
    );
    if (!withHistory.has(contact)) return contactHistoryOf([], now);
    return this.contacts.get(contact, now, () => this.readContactHistory(contact));
  }

  accountActivity(company: string): Promise<AccountActivity> {
    return this.accounts.get(company, this.clock.now().getTime(), () => this.readAccountActivity(company));
  }

  private async readSuccessHistory(domain: Domain, actionType: ActionType): Promise<SuccessHistory> {
    const now = this.clock.now();
    const executions = (await this.executions.succeededBetween(new Date(now.getTime() - SUCCESS_HISTORY_DAYS * DAY_MS), now, [actionType])).filter(
      (execution) => execution.domain === domain,
    );
    const outcomes = new Map<string, LearnedOutcome[]>();
    for (const fact of await this.records.factsOf(executions.map((execution) => execution.id))) {
      outcomes.set(fact.executionId, [...(outcomes.get(fact.executionId) ?? []), { outcomeType: fact.outcomeType, detectedAt: fact.detectedAt.getTime() }]);
    }
    const observed = executions.map((execution) => ({ finishedAt: execution.finishedAt.getTime(), outcomes: outcomes.get(execution.id) ?? [] }));
    return successHistoryOf(actionType, observed, now.getTime(), this.settings.windowMs);
  }

  private async readContactHistory(contact: string): Promise<ContactHistory> {
    const now = this.clock.now().getTime();
    const outcomes = await this.records.ofContactSince(contact, CONTACT_HISTORY_OUTCOMES, new Date(now - CONTACT_HISTORY_WINDOW_MS));
    return contactHistoryOf(
      outcomes.map((outcome) => ({ outcomeType: outcome.outcomeType, detectedAt: outcome.detectedAt.getTime() })),
      now,
    );
  }

  private async readAccountActivity(company: string): Promise<AccountActivity> {
    const since = new Date(this.clock.now().getTime() - ACCOUNT_ACTIVITY_DAYS * DAY_MS);
    const moves = await this.queue.movesOfCompany(company);
    const moveIds = moves.map((move) => move.id);
    const contacts = [...new Set(moves.flatMap((move) => (move.contactEmail ? [move.contactEmail] : [])))];
    const [lastExecutionAt, signals, outcomes] = await Promise.all([
      this.executions.lastSucceededAt(moveIds),
      this.signals.recentOfContacts(contacts, since, ACCOUNT_SIGNALS_READ),
      this.records.ofMovesSince(moveIds, ACCOUNT_OUTCOMES, since),
    ]);
    return accountActivityOf(lastExecutionAt, signals, outcomes);
  }
}
