import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { SandboxHttpError } from '../http/sandbox-http-error';
import type { FaultQueue } from './fault-queue';
import { type Fault, type FaultKind, type FaultService, GENERIC_FAULT_KINDS } from './fault-types';

export interface FaultProfile {
  service: FaultService;
  /** Kinds this particular request can suffer on top of latency, rate_limit and server_error. */
  specialKinds(request: FastifyRequest): FaultKind[];
  /** The service's own response to a fault (latency is handled here); may change state first. */
  respond(fault: Fault, request: FastifyRequest): SandboxHttpError;
}

/** A preHandler that lets the next queued fault of the service hit this request. */
export function faultHook(faults: FaultQueue, profile: FaultProfile, now: () => number): preHandlerAsyncHookHandler {
  return async (request) => {
    const applicable = [...GENERIC_FAULT_KINDS, ...profile.specialKinds(request)];
    const fault = faults.take(profile.service, applicable, `${request.method} ${request.routeOptions.url}`, now());
    if (!fault) return;
    if (fault.kind === 'latency') {
      await sleep(fault.latencyMs);
      return;
    }
    throw profile.respond(fault, request);
  };
}
