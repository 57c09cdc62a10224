import type { Type } from '@nestjs/common';
import type { EnqueuedJobName, QueueName, ScheduledJobName } from '@caseyos/contracts';

/** A whole-seconds value of a settings provider (`AppConfig`, a module's settings), read at start-up. */
export interface SecondsSetting {
  settings: Type<object>;
  key: string;
}

type NumberKeys<S> = { [K in keyof S]: S[K] extends number ? K : never }[keyof S] & string;

export function secondsIn<S extends object>(settings: Type<S>, key: NumberKeys<S>): SecondsSetting {
  return { settings, key };
}

/**
 * A job's name, its queue and, for a recurring job, its interval: a fixed number of milliseconds
 * or a setting in seconds. Recurring jobs use their fixed scheduler id (`SCHEDULED_JOBS`) as name;
 * one-off jobs a name of `ENQUEUED_JOBS`, which their producer passes to `queue.add`.
 */
export type OnJobOptions =
  | { name: ScheduledJobName; queue: QueueName; everyMs: number }
  | { name: ScheduledJobName; queue: QueueName; everySeconds: SecondsSetting }
  | { name: EnqueuedJobName; queue: QueueName };

/** What a failure hook learns besides the job's data. */
export interface JobFailure {
  error: Error;
  /** Tries so far, this one included. */
  attemptsMade: number;
  /** No try is left: the job stays failed (a dead letter). */
  final: boolean;
}

/** What a job's method learns about this run besides the job's data. */
export interface JobRun {
  /**
   * An earlier worker took this job and lost it (killed, or its lock expired): whatever that run
   * started may be half done, and this run must look before doing it again.
   */
  resumed: boolean;
  /**
   * Runs the job again `delayMs` from now instead of finishing it (it stays `resumed`): call it as
   * `return run.postpone(ms)`. What it resolves to is never seen; it throws BullMQ's DelayedError,
   * which tells the worker the job was moved, not failed.
   */
  postpone(delayMs: number): Promise<never>;
}

export const ON_JOB = Symbol('on-job');
export const ON_JOB_FAILED = Symbol('on-job-failed');

type JobMethod = (data: never, run: JobRun) => Promise<unknown>;
type FailureMethod = (data: never, failure: JobFailure) => void;

/**
 * Marks the method that runs a job; the method gets the job's data and the `JobRun`, and its
 * result is the job's.
 * The class must be a provider; `JobHandlerRegistry` finds it at start-up, in every role.
 */
export function OnJob(options: OnJobOptions) {
  return <M extends JobMethod>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    Reflect.defineMetadata(ON_JOB, options, descriptor.value!);
  };
}

/** Marks the method told of each failed try of the named job (the retries are the producer's job options). */
export function OnJobFailed(name: EnqueuedJobName) {
  return <M extends FailureMethod>(_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    Reflect.defineMetadata(ON_JOB_FAILED, name, descriptor.value!);
  };
}
