import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { HOUR_MS } from '../platform/clock/clock';
import { loadSettings } from '../platform/config/load-config';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** How outcomes are detected and attributed (docs/OUTCOMES.md), read from the environment once at start. */
export class OutcomeSettings {
  /** An outcome belongs to an execution that finished at most this long before it; silence this long is no_response. */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 90) OUTCOME_ATTRIBUTION_WINDOW_HOURS = 72;

  /** How often the detect_outcomes job sweeps (missed signals, silence, meetings held, tasks done). */
  @Transform(toInt) @IsInt() @Min(1) OUTCOME_DETECT_EVERY_SECONDS = 600;

  /** Tries of one detection before it is dead-lettered; the backoff doubles from OUTCOME_DETECTION_BACKOFF_MS. */
  @Transform(toInt) @IsInt() @Min(1) @Max(20) OUTCOME_DETECTION_ATTEMPTS = 5;

  @Transform(toInt) @IsInt() @Min(1) OUTCOME_DETECTION_BACKOFF_MS = 30_000;

  /** How long after a task or meeting execution its task's status or its meeting's end is watched. */
  @Transform(toInt) @IsInt() @Min(1) @Max(365) OUTCOME_WATCH_DAYS = 14;

  get windowMs(): number {
    return this.OUTCOME_ATTRIBUTION_WINDOW_HOURS * HOUR_MS;
  }
}

export function loadOutcomeSettings(env: NodeJS.ProcessEnv): OutcomeSettings {
  return loadSettings(OutcomeSettings, env);
}
