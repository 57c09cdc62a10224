import { Injectable } from '@nestjs/common';

/** What one condition says at one evaluation: firing or not, and the line an operator reads. */
export interface AlertCheck {
  firing: boolean;
  /** Why it fires (or the latest reading when it does not); never personal data or secrets. */
  detail: string;
}

/** One alertable condition, evaluated cluster-wide once a minute by the evaluate-alerts job. */
export interface AlertCondition {
  /** Stable id: the key of its alert state and the `alert` field of the webhook body. */
  readonly id: string;
  /** A short title for the message, e.g. "Circuit breaker open". */
  readonly title: string;
  check(now: Date): Promise<AlertCheck>;
}

/**
 * Modules register the conditions over their own data here (platform imports no feature
 * module); the alerts job evaluates whatever is registered.
 */
@Injectable()
export class AlertConditions {
  private readonly conditions = new Map<string, AlertCondition>();

  register(condition: AlertCondition): void {
    if (this.conditions.has(condition.id)) throw new Error(`alert condition ${condition.id} is registered twice`);
    this.conditions.set(condition.id, condition);
  }

  all(): AlertCondition[] {
    return [...this.conditions.values()];
  }
}
