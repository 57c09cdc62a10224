import type { DraftContext } from './draft-context';
import { classify, readFacts, senderName } from './draft-facts';
import { assertResolved } from './draft-guard';
import { fill } from './fill';
import { lines } from './text';
import { greetingFor, voiceOf } from './voice';

export interface MeetingDraft {
  summary: string;
  description: string;
  /** The agenda items the description lists (a person may edit them before it goes). */
  agenda: string[];
  durationMinutes: number;
}

type Purpose = 'demo' | 'next_steps' | 'follow_up' | 'intro';

/** Attendees read the description, so it holds an agenda and never internal deal facts. */
const MEETING_COPY: Record<Purpose, { summary: string; opening: string; agenda: string[] }> = {
  demo: {
    summary: 'Demo{{withWhom}}',
    opening: 'Thanks for making the time. I will shape the demo around what you want to solve.',
    agenda: ['What you want to solve', 'A walkthrough focused on that', 'Your questions'],
  },
  next_steps: {
    summary: 'Next steps{{withWhom}}',
    opening: 'Thanks for making the time to plan the next steps together.',
    agenda: ['Where things stand{{stage}}', 'Open questions on your side', 'Who does what by when'],
  },
  follow_up: {
    summary: 'Follow-up call{{withWhom}}',
    opening: 'Thanks for your reply. Here is a short plan so we make the most of the time.',
    agenda: ['The points from your reply', 'What a first rollout could look like', 'Your questions'],
  },
  intro: {
    summary: 'Intro call{{withWhom}}',
    opening: 'Looking forward to speaking with you.',
    agenda: ['Introductions', 'What you are working on', 'Whether and how we can help'],
  },
};

const PURPOSE_BY_KEY: ReadonlyMap<string, Purpose> = new Map<string, Purpose>([
  ['form.demo_request', 'demo'],
  ['demo_request', 'demo'],
  ['hubspot.deal_advanced', 'next_steps'],
  ['deal_advanced', 'next_steps'],
  ['gmail.reply.positive', 'follow_up'],
  ['reply_positive', 'follow_up'],
]);

const DEFAULT_MINUTES = 30;

/** The calendar event a book_meeting move proposes. */
export function renderMeeting(ctx: DraftContext): MeetingDraft {
  if (ctx.move.action_type !== 'book_meeting') throw new Error(`No meeting template for action type ${ctx.move.action_type}`);
  const facts = readFacts(ctx.move);
  const copy = MEETING_COPY[classify(facts, PURPOSE_BY_KEY) ?? 'intro'];
  const withWhom = facts.company ?? facts.contactName ?? facts.contactEmail;
  const organiser = senderName(ctx.sender);
  const values = {
    withWhom: withWhom ? ` with ${withWhom}` : '',
    stage: facts.signal.toStage ? ` (now ${facts.signal.toStage})` : '',
  };
  const agenda = [...copy.agenda.map((item) => fill(item, values)), 'Agreed next steps'];
  const greeting = greetingFor(voiceOf(ctx), facts);
  const draft = { summary: fill(copy.summary, values), description: meetingDescription({ greeting, opening: copy.opening, agenda, organiser }) };
  return { ...assertResolved(draft, `meeting for move ${ctx.move.id}`), agenda, durationMinutes: facts.durationMinutes ?? DEFAULT_MINUTES };
}

/** The event description attendees read: greeting, opening, the agenda as a list, who organised it. */
export function meetingDescription(parts: { greeting: string; opening: string; agenda: readonly string[]; organiser: string | null }): string {
  return lines(
    parts.greeting,
    '',
    parts.opening,
    '',
    'Agenda',
    ...parts.agenda.map((item) => `- ${item}`),
    ...(parts.organiser ? ['', `Organised by ${parts.organiser}`] : []),
  );
}

/** The description with its agenda list replaced by `agenda` (a person's edit), the rest kept. */
export function withAgenda(description: string, agenda: readonly string[]): string {
  const rows = description.split('\n');
  const start = rows.indexOf('Agenda') + 1;
  if (start === 0) return lines(description, '', 'Agenda', ...agenda.map((item) => `- ${item}`));
  let end = start;
  while (end < rows.length && rows[end].startsWith('- ')) end += 1;
  return [...rows.slice(0, start), ...agenda.map((item) => `- ${item}`), ...rows.slice(end)].join('\n');
}
