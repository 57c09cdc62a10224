/** The sandbox's /_sandbox control API, for tests that inject faults, make the world move or look inside. */
export interface SandboxFault {
  service: 'hubspot' | 'hubspot_oauth' | 'gmail' | 'calendar' | 'google_oauth';
  kind: 'rate_limit' | 'expired_token' | 'server_error' | 'latency' | 'stale_history_id' | 'sync_token_expired';
  times?: number;
  latency_ms?: number;
  status?: 500 | 502 | 503 | 504;
}

/** The parts of GET /_sandbox/state the connector tests read. */
export interface SandboxState {
  hubspot: {
    deals: number;
    tasks: { id: string; subject: string | null; timestamp: string | null; priority: string | null; type: string | null; contactIds: string[]; dealIds: string[] }[];
    oauth: { refreshGrantsServed: number };
  };
  gmail: {
    historyId: string;
    drafts: { id: string; messageId: string; threadId: string; headers: Record<string, string> }[];
  };
  calendar: { events: number; cancelled: number; notifications: { eventId: string; action: string; sendUpdates: string | null }[] };
  google: { oauth: { refreshGrantsServed: number } };
  faults: { pending: unknown[]; served: { service: string; kind: string; route: string }[] };
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
