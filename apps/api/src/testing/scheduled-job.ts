import type { BeatResponse, ScheduledJobBeat } from '@caseyos/contracts';
import { JobHandlerRegistry } from '../platform/queues/job-handler.registry';
import { type TestApp, operatorHeaders } from './test-app';

/** Runs one tick of a scheduled job as its worker would (recorded on its beat), without waiting for the scheduler. */
export function runScheduledJob(t: TestApp, queue: string, name: string): Promise<unknown> {
  return t.app.get(JobHandlerRegistry).dispatch(queue, { name, data: {} });
}

/** The job's entry on /health/beat, read as the operator (error text included). */
export async function beatOf(t: TestApp, name: string): Promise<ScheduledJobBeat> {
  const body = (await (await fetch(`${t.baseUrl}/health/beat`, { headers: operatorHeaders })).json()) as BeatResponse;
  const beat = body.jobs.find((job) => job.name === name);
  if (!beat) throw new Error(`/health/beat does not list ${name}`);
  return beat;
}
