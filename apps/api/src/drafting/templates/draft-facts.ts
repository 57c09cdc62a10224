import type { CommandQueueMove } from '@caseyos/contracts';
import { money } from './format';
import { clean } from './text';

export type TaskPriority = 'LOW' | 'MEDIUM' | 'HIGH';
export type TaskType = 'TODO' | 'EMAIL' | 'CALL';

/** The facts of the triggering signal, as the signal processor put them in `action_params.context`. */
export interface SignalContext {
  kind: string | null;
  label: string | null;
  formName: string | null;
  subject: string | null;
  note: string | null;
  dealName: string | null;
  fromStage: string | null;
  toStage: string | null;
  amountUsd: number | null;
}

/** A move's fields and params, checked: everything is either usable or null. */
export interface DraftFacts {
  title: string | null;
  contactName: string | null;
  firstName: string | null;
  contactEmail: string | null;
  company: string | null;
  dealAmount: number | null;
  reasons: string[];
  rule: string | null;
  signal: SignalContext;
  /** Present when the move came from an email reply; the subject may still be unknown. */
  replyTo: { subject: string | null } | null;
  template: string | null;
  taskType: TaskType | null;
  priority: TaskPriority | null;
  durationMinutes: number | null;
  channel: string | null;
}

const TASK_TYPES: readonly TaskType[] = ['TODO', 'EMAIL', 'CALL'];
const PRIORITIES: readonly TaskPriority[] = ['LOW', 'MEDIUM', 'HIGH'];
const HONORIFICS = /^(?:dr|mr|mrs|ms|mx|prof|sir|dame)\.?$/i;

/** Reads a move defensively: stored params are free-form JSON and any field may be missing or wrong. */
export function readFacts(move: CommandQueueMove): DraftFacts {
  const params = record(move.action_params);
  const context = record(params.context);
  const replyTo = isRecord(params.reply_to) ? params.reply_to : null;
  const contactName = clean(move.contact_name, 120);
  return {
    title: clean(move.title, 300),
    contactName,
    firstName: firstNameOf(contactName),
    contactEmail: validEmail(move.contact_email),
    company: clean(move.company, 120),
    dealAmount: money(move.deal_amount),
    reasons: (Array.isArray(move.reasons) ? move.reasons : []).map((reason) => clean(reason)).filter((r): r is string => r !== null),
    rule: clean(params.rule, 80),
    signal: {
      kind: clean(context.signal_kind, 80),
      label: clean(context.signal_label, 120),
      formName: clean(context.form_name, 120),
      subject: clean(context.subject),
      note: clean(context.note, 1000),
      dealName: clean(context.deal_name, 120),
      fromStage: clean(context.from_stage, 80),
      toStage: clean(context.to_stage, 80),
      amountUsd: money(context.amount_usd),
    },
    replyTo: replyTo && { subject: clean(replyTo.subject, 200) },
    template: clean(params.template, 80),
    taskType: oneOf(params.task_type, TASK_TYPES),
    priority: oneOf(params.priority, PRIORITIES),
    durationMinutes: minutes(params.duration_minutes),
    channel: clean(params.channel, 40)?.toLowerCase() ?? null,
  };
}

/** What the first of the move's template name, rule id and signal kind that `table` knows maps to. */
export function classify<T>(facts: DraftFacts, table: ReadonlyMap<string, T>): T | null {
  for (const key of [facts.template, facts.rule, facts.signal.kind]) {
    const found = key === null ? undefined : table.get(key);
    if (found !== undefined) return found;
  }
  return null;
}

/** How the operator signs: their name, else their address, else nothing. */
export function senderName(sender: { name: unknown; email: unknown }): string | null {
  return clean(sender.name, 120) ?? validEmail(sender.email);
}

/** The first given name, skipping titles ("Dr. Elena Vasquez" -> "Elena"); null unless it reads as a name. */
export function firstNameOf(name: string | null): string | null {
  const words = (name ?? '').split(' ').filter((word) => !HONORIFICS.test(word));
  const first = words[0];
  return first !== undefined && /^\p{L}[\p{L}\p{M}'’.-]*$/u.test(first) ? first : null;
}

/** An address as given (never shortened), or null when it does not look like one. */
function validEmail(value: unknown): string | null {
  const email = clean(value, Number.POSITIVE_INFINITY);
  return email !== null && email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : null;
  return allowed.find((option) => option === upper) ?? null;
}

/** A meeting length a calendar would accept from a person: 5 minutes to 8 hours. */
function minutes(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 5 && value <= 480 ? value : null;
}
