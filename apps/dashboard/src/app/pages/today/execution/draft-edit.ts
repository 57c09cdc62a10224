import { DRAFT_KIND_OF, type ActionType, type DraftEdit, type DraftProvenance, type ExecutionPlan, type OutboundRequest } from '@caseyos/contracts';
import { newIdempotencyKey } from './execution-format';

export interface VariantDraft {
  channel: string;
  body: string;
  max_length: number | null;
}

/** The fields of a draft a person may change before it goes, as the execute dialog edits them. */
export type EditableDraft =
  | { kind: 'email'; subject: string; body: string }
  /** slot_start is ISO; agenda is empty when the description lists none. */
  | { kind: 'meeting'; slot_start: string; agenda: string[] }
  | { kind: 'task'; subject: string; due_at: string }
  | { kind: 'asset'; title: string; body: string; max_length: number | null; variants: VariantDraft[] };

/**
 * The draft as a dry run's plan shows it, read from the requests it would send: the Gmail
 * message, the Calendar event, the HubSpot task or the CaseyOS asset. Null when the plan does not
 * carry the fields (a plan from before drafting, or an action type with nothing to edit).
 */
export function editableDraftOf(actionType: ActionType, plan: ExecutionPlan): EditableDraft | null {
  const kind = DRAFT_KIND_OF[actionType];
  const request = (target: OutboundRequest['target']) => plan.requests.find((r) => r.target === target);
  switch (kind) {
    case 'email': {
      const email = request('gmail')?.email;
      if (!email) return null;
      const subject = Object.entries(email.headers).find(([name]) => name.toLowerCase() === 'subject')?.[1] ?? '';
      return { kind, subject, body: email.text };
    }
    case 'meeting': {
      const body = request('calendar')?.body;
      const start = text(record(body?.['start'])?.['dateTime']);
      if (!body || !start) return null;
      return { kind, slot_start: new Date(start).toISOString(), agenda: agendaOf(text(body['description']) ?? '') };
    }
    case 'task': {
      const properties = record(request('hubspot')?.body['properties']);
      const subject = text(properties?.['hs_task_subject']);
      const due = text(properties?.['hs_timestamp']);
      if (subject === null || !due) return null;
      return { kind, subject, due_at: new Date(due).toISOString() };
    }
    case 'asset': {
      const body = request('caseyos')?.body;
      const title = text(body?.['title']);
      const assetBody = text(body?.['body']);
      if (!body || title === null || assetBody === null) return null;
      const variants = Array.isArray(body['variants']) ? body['variants'].map(record).filter((v) => v !== null) : [];
      return {
        kind,
        title,
        body: assetBody,
        max_length: typeof body['max_length'] === 'number' ? body['max_length'] : null,
        variants: variants.map((v) => ({
          channel: text(v['channel']) ?? '',
          body: text(v['body']) ?? '',
          max_length: typeof v['max_length'] === 'number' ? v['max_length'] : null,
        })),
      };
    }
  }
}

/** The agenda items a meeting description lists under its "Agenda" line ("- item" each). */
export function agendaOf(description: string): string[] {
  const lines = description.split('\n');
  const at = lines.findIndex((line) => line.trim() === 'Agenda');
  if (at === -1) return [];
  const items: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('- ')) break;
    items.push(line.slice(2).trim());
  }
  return items;
}

/**
 * What to send with the execute: nothing when the person changed nothing (see `shownEditOf`),
 * else every field of the draft as shown, so what executes is exactly what was on screen even if
 * the writer would word it differently the next time.
 */
export function editOf(original: EditableDraft, current: EditableDraft): DraftEdit | null {
  return signatureOf(original) === signatureOf(current) ? null : fieldsOf(current);
}

/**
 * What to send when the person changed nothing. A template writes the same draft again, so
 * nothing; but a language model's draft (or a fallback the model may not need next time) would be
 * written anew: its texts go back with `shown_by`, the dry run that showed them, so exactly what was
 * shown executes and the API records it as that dry run wrote it, not edited. Only emails and
 * assets: a model writes no other kind.
 */
export function shownEditOf(shown: EditableDraft, provenance: DraftProvenance | null | undefined, dryRunId: string): DraftEdit | null {
  if (!provenance || (provenance.writer !== 'llm' && provenance.fallback === null)) return null;
  return shown.kind === 'email' || shown.kind === 'asset' ? { ...fieldsOf(shown), shown_by: dryRunId } : null;
}

function fieldsOf(current: EditableDraft): DraftEdit {
  switch (current.kind) {
    case 'email':
      return { subject: current.subject, body: current.body };
    case 'meeting': {
      const agenda = current.agenda.map((item) => item.trim()).filter((item) => item !== '');
      return { slot_start: current.slot_start, ...(agenda.length > 0 ? { agenda } : {}) };
    }
    case 'task':
      return { subject: current.subject, due_at: current.due_at };
    case 'asset':
      return {
        title: current.title,
        body: current.body,
        ...(current.variants.length > 0 ? { variants: current.variants.map(({ channel, body }) => ({ channel, body })) } : {}),
      };
  }
}

/** A stable text of an edit (or of none), to tell one edit from another. */
export function signatureOf(value: EditableDraft | DraftEdit | null): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** An editor field: a text of the draft, or a channel's post (`variant:x`). */
export type EditorField = 'subject' | 'body' | 'slot_start' | 'agenda' | 'due_at' | 'title' | `variant:${string}`;

const PROBLEM_FIELDS: readonly [RegExp, EditorField][] = [
  [/^(?:the )?(?:edited )?subject\b/i, 'subject'],
  [/^(?:the )?(?:message|body|text)\b/i, 'body'],
  [/^(?:the )?title\b/i, 'title'],
  [/^(?:the )?(?:agenda|description)\b/i, 'agenda'],
  [/^(?:pick a start time|slot_start\b|the chosen meeting slot)/i, 'slot_start'],
  [/^(?:pick a due date|due_at\b|the chosen due date)/i, 'due_at'],
];

/**
 * The editor field a problem is about, read from how it starts (this file's sentences, the API's
 * check sentences "The body …", its field messages "subject must …"); null when it names none.
 */
export function problemField(problem: string): EditorField | null {
  const found = PROBLEM_FIELDS.find(([pattern]) => pattern.test(problem));
  if (found) return found[1];
  const channel = /^the (\S+) (?:post|variant)\b/i.exec(problem);
  return channel ? `variant:${channel[1]}` : null;
}

/** What is wrong with the draft as edited, before asking the API (which checks it again). */
export function editProblems(draft: EditableDraft): string[] {
  const problems: string[] = [];
  const required = (value: string, what: string) => value.trim() === '' && problems.push(`${what} must not be empty.`);
  const within = (value: string, max: number | null, what: string) =>
    max !== null && value.length > max && problems.push(`${what} is ${value.length - max} characters over its ${max}.`);
  switch (draft.kind) {
    case 'email':
      required(draft.subject, 'The subject');
      required(draft.body, 'The message');
      break;
    case 'meeting':
      if (Number.isNaN(Date.parse(draft.slot_start))) problems.push('Pick a start time.');
      // An edit without items would go with the writer's agenda, not the cleared one shown.
      if (draft.agenda.every((item) => item.trim() === '')) problems.push('The agenda needs at least one item.');
      break;
    case 'task':
      required(draft.subject, 'The subject');
      if (Number.isNaN(Date.parse(draft.due_at))) problems.push('Pick a due date.');
      break;
    case 'asset':
      required(draft.title, 'The title');
      required(draft.body, 'The text');
      within(draft.body, draft.max_length, 'The text');
      for (const variant of draft.variants) {
        required(variant.body, `The ${variant.channel} post`);
        within(variant.body, variant.max_length, `The ${variant.channel} post`);
      }
  }
  return problems;
}

/**
 * The draft with one editor field as its input now reads: a time from the browser's zone to ISO,
 * the agenda an item a line, a channel's post in its variant.
 */
export function withFieldValue(draft: EditableDraft, field: EditorField, value: string): EditableDraft {
  if (field.startsWith('variant:')) {
    const channel = field.slice('variant:'.length);
    return draft.kind === 'asset'
      ? { ...draft, variants: draft.variants.map((v): VariantDraft => (v.channel === channel ? { ...v, body: value } : v)) }
      : draft;
  }
  switch (field) {
    case 'agenda':
      return draft.kind === 'meeting' ? { ...draft, agenda: value.split('\n') } : draft;
    case 'slot_start':
    case 'due_at':
      return { ...draft, [field]: fromLocalInput(value) };
    default:
      return { ...draft, [field]: value };
  }
}

/** `<input type="datetime-local">`'s value (the browser's zone) for an ISO time, and back. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/**
 * One idempotency key per edit: a double press, or a retry after a lost answer, of the same edit
 * reuses its key (so it runs once); a different edit is a different request and gets its own key
 * (the API would refuse a key sent with another body). A key that went out with an execute is kept
 * for its edit until the API recorded a failure under it: while no answer says how it went, only
 * that key may carry that edit again, whatever was typed or dry-run meanwhile.
 */
export class EditKeys {
  /** The keys that went out with an execute, by the signature of the edit they carried. */
  private readonly sent = new Map<string, string>();
  /** The key for the next edit that has not gone out yet. */
  private fresh = newIdempotencyKey();

  /** The key an execute of this edit would carry, for its dry run; changes nothing. */
  peek(edit: DraftEdit | null): string {
    return this.sent.get(signatureOf(edit)) ?? this.fresh;
  }

  /** The key goes out with an execute of this edit. */
  use(edit: DraftEdit | null): string {
    const signature = signatureOf(edit);
    const known = this.sent.get(signature);
    if (known !== undefined) return known;
    const key = this.fresh;
    this.sent.set(signature, key);
    this.fresh = newIdempotencyKey();
    return key;
  }

  /** The API recorded a failure under this edit's key: its retry is a new attempt. */
  forget(edit: DraftEdit | null): void {
    this.sent.delete(signatureOf(edit));
  }
}

/** Where a repurposed piece comes from, shown beside what was made of it. */
export interface RepurposeSource {
  label: string | null;
  url: string | null;
  text: string | null;
}

/** The piece a content_repurpose move works from: the URL or text its signal carried, and its label. */
export function repurposeSourceOf(params: Record<string, unknown>): RepurposeSource {
  const context = record(params['context']) ?? {};
  const first = (...values: unknown[]) => values.map(text).find((value) => value !== null && value.trim() !== '') ?? null;
  return {
    url: first(params['source_url'], context['source_url'], context['url']),
    text: first(params['source_text'], context['source_text'], context['note']),
    label: first(context['signal_label'], context['subject']),
  };
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
