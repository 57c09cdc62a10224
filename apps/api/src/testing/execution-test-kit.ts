import { ACTION_TYPES_BY_DOMAIN, ActionType, CommandQueueMove, DOMAINS, Domain } from '@caseyos/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CommandQueueService } from '../command-queue/command-queue.service';
import type { TestApp } from './test-app';
import { operatorHeaders } from './test-app';

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  type: string;
  body: T;
}

/** JSON requests as the operator; the body is parsed whatever the status. */
export function apiOf(app: TestApp) {
  return async <T = any>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiAnswer<T>> => {
    const res = await fetch(app.baseUrl + path, {
      method,
      headers: { ...operatorHeaders, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  };
}

export const domainOf = (actionType: ActionType): Domain =>
  DOMAINS.find((domain) => (ACTION_TYPES_BY_DOMAIN[domain] as readonly string[]).includes(actionType))!;

/** A fresh pending move with a contact of its own, so no contact cap is shared between tests. */
export async function newMove(
  app: TestApp,
  actionType: ActionType,
  overrides: { contactEmail?: string; actionParams?: Record<string, unknown>; company?: string } = {},
): Promise<CommandQueueMove> {
  const created = await app.app.get(CommandQueueService).create(
    {
      domain: domainOf(actionType),
      actionType,
      title: `Test ${actionType}`,
      scoreInputs: { amount_usd: 20_000, intent: 0.6 },
      contactEmail: overrides.contactEmail ?? `dana.${randomUUID().slice(0, 8)}@northwind.example.com`,
      contactName: 'Dana Reyes',
      company: overrides.company ?? 'Northwind Analytics',
      actionParams: overrides.actionParams ?? {},
    },
    { actor: 'test' },
  );
  return created.move;
}

/** Executions and what refers to moves go first: moves cannot be deleted under their executions. */
export async function emptyExecutionTables(app: TestApp): Promise<void> {
  await app.app.get(DataSource).query('TRUNCATE draft_assets, executions, command_queue_items, accounts CASCADE');
}

/** Asserts the status, showing the whole answer (problem detail included) when it differs. */
export function expectStatus(answer: ApiAnswer, status: number): void {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** The sandbox state without its clock reading, to compare before and after. */
export function withoutClock<T extends object>(state: T): Omit<T, 'now'> {
  const { now: _now, ...rest } = state as T & { now?: unknown };
  return rest;
}
