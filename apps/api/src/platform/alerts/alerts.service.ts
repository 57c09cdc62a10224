import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { CLOCK, Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { AlertCondition, AlertConditions } from './alert-condition';
import { AlertMessage, AlertState, decideAlert } from './alert-decision';

const STATE_KEY = (id: string) => `caseyos:alert:${id}`;
const WEBHOOK_TIMEOUT_MS = 5000;

/** The JSON posted to ALERT_WEBHOOK_URL: Slack's incoming-webhook `text`, plus fields for other receivers. */
export interface AlertPayload {
  text: string;
  alert: string;
  status: 'firing' | 'resolved';
  detail: string;
  firing_since: string;
}

/**
 * Evaluates every registered condition and posts firing and resolve messages. Runs from one
 * cluster-wide scheduled job; the state lives in Redis so the worker taking the next tick
 * continues where this one stopped, and no replica sends the same alert again.
 */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger('Alerts');

  constructor(
    private readonly conditions: AlertConditions,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async evaluate(): Promise<void> {
    const webhook = this.config.ALERT_WEBHOOK_URL;
    if (!webhook) return;
    const failures: string[] = [];
    for (const condition of this.conditions.all()) {
      try {
        await this.evaluateOne(condition, webhook);
      } catch (error) {
        failures.push(`${condition.id}: ${(error as Error).message}`);
      }
    }
    // One condition's failure does not hold up the others; the tick still shows it in /health/beat.
    if (failures.length > 0) throw new Error(`alert evaluation failed for ${failures.join('; ')}`);
  }

  private async evaluateOne(condition: AlertCondition, webhook: string): Promise<void> {
    const now = this.clock.now().getTime();
    const check = await condition.check(new Date(now));
    const stored = await this.redis.get(STATE_KEY(condition.id));
    const state = stored ? (JSON.parse(stored) as AlertState) : null;
    const { message, next } = decideAlert(check.firing, state, now, this.config.ALERT_COOLDOWN_MINUTES * 60_000);
    if (message) await this.send(webhook, this.payload(condition, message, check.detail, next ?? state!));
    if (next) await this.redis.set(STATE_KEY(condition.id), JSON.stringify(next));
    else if (state) await this.redis.del(STATE_KEY(condition.id));
  }

  private payload(condition: AlertCondition, status: Exclude<AlertMessage, null>, detail: string, state: AlertState): AlertPayload {
    const mark = status === 'firing' ? ':rotating_light: [FIRING]' : ':white_check_mark: [RESOLVED]';
    return {
      text: `${mark} CaseyOS: ${condition.title}. ${detail}`,
      alert: condition.id,
      status,
      detail,
      firing_since: new Date(state.firingSince).toISOString(),
    };
  }

  /** A failed post throws, so the state is not advanced and the next tick sends again. */
  private async send(url: string, payload: AlertPayload): Promise<void> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`the alert webhook answered ${response.status}`);
    this.logger.warn({ event: payload.status === 'firing' ? 'alert_firing' : 'alert_resolved', alert: payload.alert, detail: payload.detail });
  }
}
