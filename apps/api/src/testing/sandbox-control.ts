/** The sandbox's /_sandbox control API, for tests that inject faults, make the world move or look inside. */
export interface SandboxFault {
  service: 'hubspot' | 'hubspot_oauth' | 'gmail' | 'calendar' | 'google_oauth' | 'llm';
  kind:
    | 'rate_limit'
    | 'expired_token'
    | 'server_error'
    | 'latency'
    | 'route_not_found'
    | 'stale_history_id'
    | 'sync_token_expired'
    | 'missing_sync_cursor'
    | 'legacy_token_response'
    | 'malformed_output'
    | 'leaky_output';
  times?: number;
  latency_ms?: number;
  status?: 500 | 502 | 503 | 504;
  /** Only requests with these methods take hits, e.g. ['POST']. */
  methods?: ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[];
  /** Only this route takes hits, as faults.served names it: 'POST /crm/v3/objects/tasks'. */
  route?: string;
}

export interface SandboxTask {
  id: string;
  subject: string | null;
  body: string | null;
  status: string;
  completedAt: string | null;
  timestamp: string | null;
  priority: string | null;
  type: string | null;
  contactIds: string[];
  dealIds: string[];
}

export interface SandboxEvent {
  id: string;
  summary: string | null;
  description: string | null;
  status: 'confirmed' | 'tentative' | 'cancelled';
  attendees: string[];
  /** ISO instants. */
  start: string;
  end: string;
}

/** The parts of GET /_sandbox/state the connector tests read. */
export interface SandboxState {
  hubspot: {
    deals: number;
    tasks: SandboxTask[];
    oauth: { refreshGrantsServed: number };
  };
  gmail: {
    historyId: string;
    /** headers: addressing headers and every X- header, names as the client wrote them. */
    drafts: { id: string; messageId: string; threadId: string; headers: Record<string, string>; text: string }[];
  };
  calendar: {
    events: number;
    cancelled: number;
    eventList: SandboxEvent[];
    notifications: { eventId: string; action: string; sendUpdates: string | null }[];
  };
  google: { oauth: { refreshGrantsServed: number } };
  faults: { pending: unknown[]; served: { faultId: number; service: string; kind: string; route: string }[] };
}

export interface TickResult {
  generated: { kind: string; dealId?: string; messageIds?: string[]; threadId?: string; eventId?: string; skipped?: string }[];
  gmailHistoryId: string;
}

export class SandboxControl {
  constructor(readonly url: string) {}

  state(): Promise<SandboxState> {
    return this.send('GET', '/_sandbox/state');
  }

  fault(fault: SandboxFault): Promise<unknown> {
    return this.send('POST', '/_sandbox/faults', fault);
  }

  clearFaults(): Promise<unknown> {
    return this.send('DELETE', '/_sandbox/faults');
  }

  tick(events: string[], count = 1): Promise<TickResult> {
    return this.send('POST', '/_sandbox/tick', { events, count });
  }

  /** The contact answers a message we sent (by its RFC 822 Message-ID): a new message in its thread. */
  reply(reply: { to_message_id: string; text: string; from?: string }): Promise<{ id: string; threadId: string; rfc822MessageId: string }> {
    return this.send('POST', '/_sandbox/gmail/replies', reply);
  }

  /** The provider's next consent grants what the app asks for but these scopes (a person unticking them). */
  withholdAtNextConsent(provider: 'hubspot' | 'google', scopes: string[]): Promise<unknown> {
    return this.send('POST', '/_sandbox/consent', { provider, withhold: scopes });
  }

  /** A freshly seeded world; connections (OAuth grants) survive it. */
  reset(): Promise<unknown> {
    return this.send('POST', '/_sandbox/reset', {});
  }

  settings(patch: Record<string, number>): Promise<unknown> {
    return this.send('PATCH', '/_sandbox/settings', patch);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
}
