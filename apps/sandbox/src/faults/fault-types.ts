export const FAULT_SERVICES = ['hubspot', 'hubspot_oauth', 'gmail', 'calendar', 'google_oauth', 'llm'] as const;
export type FaultService = (typeof FAULT_SERVICES)[number];

export const FAULT_KINDS = [
  'rate_limit',
  'expired_token',
  'server_error',
  'latency',
  'route_not_found',
  'stale_history_id',
  'sync_token_expired',
  'missing_sync_cursor',
  'legacy_token_response',
  'malformed_output',
  'leaky_output',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds every request of a service can suffer; the others only hit specific requests. */
export const GENERIC_FAULT_KINDS: readonly FaultKind[] = ['latency', 'rate_limit', 'server_error', 'route_not_found'];

/**
 * Kinds that let the request succeed and take fields out of its answer. A route lists the fields
 * each one removes (`responseFaults` in its config); only an answer that carries them takes a hit.
 */
export type ResponseFaultKind = Extract<FaultKind, 'missing_sync_cursor' | 'legacy_token_response'>;

/** Which services a kind makes sense for. */
const KIND_SERVICES: Record<FaultKind, readonly FaultService[]> = {
  rate_limit: FAULT_SERVICES,
  server_error: FAULT_SERVICES,
  latency: FAULT_SERVICES,
  expired_token: ['hubspot', 'hubspot_oauth', 'gmail', 'calendar', 'google_oauth'],
  route_not_found: ['hubspot', 'gmail', 'calendar', 'llm'],
  stale_history_id: ['gmail'],
  sync_token_expired: ['calendar'],
  missing_sync_cursor: ['gmail', 'calendar'],
  legacy_token_response: ['hubspot_oauth'],
  malformed_output: ['llm'],
  leaky_output: ['llm'],
};

export interface Fault {
  id: number;
  service: FaultService;
  kind: FaultKind;
  /** How many more matching requests it hits. */
  remaining: number;
  latencyMs: number;
  /** HTTP status of a server_error. */
  status: number;
  /** Only requests with one of these methods (e.g. ["POST"] for creates) take hits. */
  methods?: string[];
  /** Only this route takes hits, written as the served log shows it: "POST /crm/v3/objects/tasks". */
  route?: string;
}

export type FaultInput = Omit<Fault, 'id'>;

const SERVER_ERROR_STATUSES = [500, 502, 503, 504];
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Does a fault's optional method/route filter let it hit this request ("METHOD /route/pattern")? */
export function faultTargets(fault: Fault, route: string): boolean {
  const method = route.slice(0, route.indexOf(' '));
  return (fault.methods === undefined || fault.methods.includes(method)) && (fault.route === undefined || fault.route === route);
}

/** Validates a POST /_sandbox/faults body ({service, kind, times?, latency_ms?, status?, methods?, route?}). */
export function parseFaultInput(body: unknown): { fault?: FaultInput; problems: string[] } {
  if (typeof body !== 'object' || body === null) return { problems: ['body must be a JSON object'] };
  const { service, kind, times = 1, latency_ms: latencyMs = 1000, status = 503, methods, route } = body as Record<string, unknown>;
  const problems: string[] = [];
  if (!FAULT_SERVICES.includes(service as FaultService)) problems.push(`service must be one of ${FAULT_SERVICES.join(', ')}`);
  if (!FAULT_KINDS.includes(kind as FaultKind)) problems.push(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  else if (problems.length === 0 && !KIND_SERVICES[kind as FaultKind].includes(service as FaultService)) {
    problems.push(`${String(kind)} only applies to ${KIND_SERVICES[kind as FaultKind].join(', ')}`);
  }
  if (!Number.isInteger(times) || (times as number) < 1 || (times as number) > 1000) problems.push('times must be an integer from 1 to 1000');
  if (!Number.isInteger(latencyMs) || (latencyMs as number) < 0 || (latencyMs as number) > 60_000) {
    problems.push('latency_ms must be an integer from 0 to 60000');
  }
  if (!SERVER_ERROR_STATUSES.includes(status as number)) problems.push(`status must be one of ${SERVER_ERROR_STATUSES.join(', ')}`);
  if (methods !== undefined && (!Array.isArray(methods) || methods.length === 0 || methods.some((m) => !HTTP_METHODS.includes(m as string)))) {
    problems.push(`methods must be a non-empty list of ${HTTP_METHODS.join(', ')}`);
  }
  if (route !== undefined && (typeof route !== 'string' || !/^[A-Z]+ \/\S*$/.test(route))) problems.push('route must look like "POST /crm/v3/objects/tasks"');
  if (problems.length > 0) return { problems };
  return {
    fault: {
      service: service as FaultService,
      kind: kind as FaultKind,
      remaining: times as number,
      latencyMs: latencyMs as number,
      status: status as number,
      ...(methods !== undefined ? { methods: methods as string[] } : {}),
      ...(route !== undefined ? { route: route as string } : {}),
    },
    problems,
  };
}
