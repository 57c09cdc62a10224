import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import {
  ACTION_TYPES,
  ACTION_TYPES_BY_DOMAIN,
  ActionType,
  ConversionFunnelResponse,
  DOMAINS,
  Domain,
  FunnelPeriod,
  OUTREACH_ACTION_TYPES,
  OutcomeStatsResponse,
} from '@caseyos/contracts';
import { ExecutionService } from '../execution/execution.service';
import { funnelOf, periodStarts } from './conversion-funnel';
import { OutcomeRecords } from './outcome-records';
import { DOMAIN_OF, MeasuredExecution, statsOf } from './outcome-stats';
import type { Subscription } from 'rxjs';
import { SharedResultCache } from '../platform/cache/shared-result-cache';
import { CLOCK, Clock } from '../platform/clock/clock';
import { BusEvent, EventBus } from '../platform/events/event-bus.service';
import { ReportWindow, reportWindow } from './report-window';

/**
 * A cohort is read whole (every execution of the window and its outcomes), so its figures are
 * shared between requests for this long, and dropped at once when an outcome is recorded or a
 * real execution ends, on any replica.
 */
const FIGURES_TTL_MS = 10_000;

function changesFigures(event: BusEvent): boolean {
  if (event.type === 'outcome.recorded') return true;
  const execution = (event.data as { execution?: { dry_run?: boolean; status?: string } } | null)?.execution;
  return event.type === 'execution.updated' && execution?.dry_run === false && execution.status !== 'running' && execution.status !== 'queued';
}

/**
 * Stats and the conversion funnel. Both measure a cohort: the real executions that succeeded
 * and started in the window (from the execution module), with every outcome attributed to them
 * whenever it was detected.
 */
@Injectable()
export class OutcomeAnalytics implements OnModuleInit, OnModuleDestroy {
  private readonly statsCache = new SharedResultCache<OutcomeStatsResponse>(FIGURES_TTL_MS);
  private readonly funnelCache = new SharedResultCache<ConversionFunnelResponse>(FIGURES_TTL_MS);
  private subscription?: Subscription;

  constructor(
    private readonly executions: ExecutionService,
    private readonly records: OutcomeRecords,
    private readonly bus: EventBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.subscription = this.bus.events.subscribe((event) => {
      if (!changesFigures(event)) return;
      this.statsCache.clear();
      this.funnelCache.clear();
    });
  }

  onModuleDestroy() {
    this.subscription?.unsubscribe();
  }

  /** `from` and `to` as the request gave them (validated here); the same request shares one computation. */
  stats(from: string | undefined, to: string | undefined, domain: Domain | undefined): Promise<OutcomeStatsResponse> {
    const now = this.clock.now();
    const window = reportWindow(from, to, now);
    return this.statsCache.get(JSON.stringify([from, to, domain]), now.getTime(), () => this.computeStats(window, domain));
  }

  funnel(from: string | undefined, to: string | undefined, period: FunnelPeriod, domain: Domain | undefined): Promise<ConversionFunnelResponse> {
    const now = this.clock.now();
    const window = reportWindow(from, to, now);
    return this.funnelCache.get(JSON.stringify([from, to, period, domain]), now.getTime(), () => this.computeFunnel(window, period, domain));
  }

  private async computeStats(window: ReportWindow, domain: Domain | undefined): Promise<OutcomeStatsResponse> {
    const actionTypes: readonly ActionType[] = domain ? ACTION_TYPES_BY_DOMAIN[domain] : ACTION_TYPES;
    const { executions, outcomes } = await this.cohort(window, actionTypes);
    return { from: window.from.toISOString(), to: window.to.toISOString(), domain: domain ?? null, ...statsOf(actionTypes, executions, outcomes) };
  }

  private async computeFunnel(window: ReportWindow, period: FunnelPeriod, domain: Domain | undefined): Promise<ConversionFunnelResponse> {
    // The window is at most a year (report-window.ts): at most 367 daily buckets.
    const starts = periodStarts(window, period);
    const domains: readonly Domain[] = domain ? [domain] : DOMAINS;
    const { executions, outcomes } = await this.cohort(
      window,
      OUTREACH_ACTION_TYPES.filter((actionType) => domains.includes(DOMAIN_OF[actionType])),
    );
    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      period,
      domain: domain ?? null,
      ...funnelOf(starts, period, domains, executions, outcomes),
    };
  }

  private async cohort(window: ReportWindow, actionTypes: readonly ActionType[]) {
    const executions: MeasuredExecution[] = actionTypes.length === 0 ? [] : await this.executions.succeededBetween(window.from, window.to, actionTypes);
    return { executions, outcomes: await this.records.factsOf(executions.map((execution) => execution.id)) };
  }
}
