import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyRequest, preHandlerAsyncHookHandler, preSerializationAsyncHookHandler } from 'fastify';
import { routeNotFound } from '../http/route-not-found';
import type { SandboxHttpError } from '../http/sandbox-http-error';
import type { FaultQueue } from './fault-queue';
import { type Fault, type FaultKind, type FaultService, GENERIC_FAULT_KINDS, type ResponseFaultKind } from './fault-types';

export interface FaultProfile {
  service: FaultService;
  /** Kinds this particular request can suffer on top of latency, rate_limit and server_error. */
  specialKinds(request: FastifyRequest): FaultKind[];
  /** The service's own response to a fault (latency and route_not_found are handled here); may change state first. */
  respond(fault: Fault, request: FastifyRequest): SandboxHttpError;
}

/** A preHandler that lets the next queued fault of the service hit this request. */
export function faultHook(faults: FaultQueue, profile: FaultProfile, now: () => number): preHandlerAsyncHookHandler {
  return async (request) => {
    const applicable = [...GENERIC_FAULT_KINDS, ...profile.specialKinds(request)];
    const fault = faults.take(profile.service, applicable, `${request.method} ${request.routeOptions.url}`, now());
    if (!fault) return;
    if (fault.kind === 'latency') {
      // The handler runs after the delay even if the client gave up meanwhile: a write then lands
      // late, as one that outlived the client's timeout does on the real service.
      await sleep(fault.latencyMs);
      return;
    }
    // As if the route did not exist (a wrong base path, a proxy): the sandbox's own 404, not the service's.
    if (fault.kind === 'route_not_found') throw routeNotFound(request.method, request.url);
    throw profile.respond(fault, request);
  };
}

/**
 * A preSerialization hook that lets the next queued response fault of the service take fields out
 * of a successful answer (the route's `responseFaults` config names them). Only an answer that
 * carries those fields takes a hit: a Calendar page without `nextSyncToken` leaves the fault for
 * the last page.
 */
export function responseFaultHook(faults: FaultQueue, service: FaultService, now: () => number): preSerializationAsyncHookHandler<unknown> {
  return async (request, _reply, payload) => {
    const omitted = request.routeOptions.config.responseFaults;
    if (!omitted || typeof payload !== 'object' || payload === null) return payload;
    const answer = payload as Record<string, unknown>;
    const applicable = (Object.keys(omitted) as ResponseFaultKind[]).filter((kind) => omitted[kind]?.some((field) => field in answer));
    const fault = faults.take(service, applicable, `${request.method} ${request.routeOptions.url}`, now());
    if (!fault) return payload;
    const fields = omitted[fault.kind as ResponseFaultKind] ?? [];
    return Object.fromEntries(Object.entries(answer).filter(([field]) => !fields.includes(field)));
  };
}
