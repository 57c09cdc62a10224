import type { ExecutionPlan, OutboundRequest } from '@caseyos/contracts';
import {
  EditKeys,
  EditableDraft,
  agendaOf,
  editOf,
  editProblems,
  editableDraftOf,
  fromLocalInput,
  problemField,
  repurposeSourceOf,
  shownEditOf,
  toLocalInput,
  withFieldValue,
} from './draft-edit';

function plan(...requests: Partial<OutboundRequest>[]): ExecutionPlan {
  return {
    action_type: 'send_email',
    summary: '',
    reversible: true,
    requests: requests.map((r) => ({ target: 'gmail', operation: 'x', method: 'POST', path: '/', body: {}, ...r })),
  };
}

describe('editableDraftOf', () => {
  it('reads an email from the Gmail message the plan would create', () => {
    const draft = editableDraftOf(
      'send_email',
      plan({ target: 'gmail', email: { headers: { To: 'a@b.example', Subject: 'Hello' }, text: 'Hi Ana,\n\nThanks.' } }),
    );
    expect(draft).toEqual({ kind: 'email', subject: 'Hello', body: 'Hi Ana,\n\nThanks.' });
  });

  it('reads a meeting from the Calendar event: its start and the agenda its description lists', () => {
    const description = 'Hi Ana,\n\nThanks.\n\nAgenda\n- What you want to solve\n- Your questions\n\nOrganised by Casey';
    const draft = editableDraftOf(
      'book_meeting',
      plan({ target: 'calendar', body: { summary: 'Demo', description, start: { dateTime: '2026-12-03T10:00:00.000Z' } } }),
    );
    expect(draft).toEqual({ kind: 'meeting', slot_start: '2026-12-03T10:00:00.000Z', agenda: ['What you want to solve', 'Your questions'] });
  });

  it('reads a task from the HubSpot properties', () => {
    const draft = editableDraftOf(
      'create_task',
      plan({ target: 'hubspot', body: { properties: { hs_task_subject: 'Call Ana', hs_timestamp: '2026-12-04T09:00:00.000Z' } } }),
    );
    expect(draft).toEqual({ kind: 'task', subject: 'Call Ana', due_at: '2026-12-04T09:00:00.000Z' });
  });

  it('reads an asset and its channel variants from the CaseyOS asset; a newsletter from its asset, not its Gmail copy', () => {
    const asset = {
      target: 'caseyos' as const,
      body: { title: 'Launch', body: 'We shipped.', max_length: 3000, variants: [{ channel: 'x', body: 'Shipped!', max_length: 280 }] },
    };
    expect(editableDraftOf('social_post', plan(asset))).toEqual({
      kind: 'asset',
      title: 'Launch',
      body: 'We shipped.',
      max_length: 3000,
      variants: [{ channel: 'x', body: 'Shipped!', max_length: 280 }],
    });
    const newsletter = editableDraftOf('newsletter_draft', plan(asset, { target: 'gmail', email: { headers: { Subject: 'Copy' }, text: 'copy' } }));
    expect(newsletter).toMatchObject({ kind: 'asset', title: 'Launch' });
  });

  it('is null when the plan carries no such request', () => {
    expect(editableDraftOf('send_email', plan({ target: 'hubspot' }))).toBeNull();
    expect(editableDraftOf('book_meeting', plan({ target: 'calendar', body: {} }))).toBeNull();
  });
});

describe('agendaOf', () => {
  it('takes the "- " lines under Agenda and stops at the first other line', () => {
    expect(agendaOf('Agenda\n- One\n- Two\n\n- Not agenda')).toEqual(['One', 'Two']);
    expect(agendaOf('No list here')).toEqual([]);
  });
});

describe('editOf', () => {
  const email: EditableDraft = { kind: 'email', subject: 'Hello', body: 'Hi' };

  it('is null while nothing changed, so the writer’s draft goes as planned', () => {
    expect(editOf(email, { ...email })).toBeNull();
  });

  it('sends every field of the kind once one changed, so what executes is what was shown', () => {
    expect(editOf(email, { ...email, body: 'Hi there' })).toEqual({ subject: 'Hello', body: 'Hi there' });
    const meeting: EditableDraft = { kind: 'meeting', slot_start: '2026-12-03T10:00:00.000Z', agenda: ['A'] };
    expect(editOf(meeting, { ...meeting, agenda: ['A', ' ', ' B '] })).toEqual({ slot_start: '2026-12-03T10:00:00.000Z', agenda: ['A', 'B'] });
    expect(editOf(meeting, { ...meeting, slot_start: '2026-12-03T11:00:00.000Z', agenda: [] })).toEqual({ slot_start: '2026-12-03T11:00:00.000Z' });
    const asset: EditableDraft = { kind: 'asset', title: 'T', body: 'B', max_length: null, variants: [{ channel: 'x', body: 'X', max_length: 280 }] };
    expect(editOf(asset, { ...asset, variants: [{ channel: 'x', body: 'X2', max_length: 280 }] })).toEqual({
      title: 'T',
      body: 'B',
      variants: [{ channel: 'x', body: 'X2' }],
    });
  });
});

describe('shownEditOf', () => {
  const email: EditableDraft = { kind: 'email', subject: 'Hello', body: 'Hi Dana,\n\nWritten by the model.' };
  const profile = { id: null, name: 'Default' };

  it('sends a language model\u2019s unchanged draft back as shown, every text, so a new wording never replaces it', () => {
    expect(shownEditOf(email, { writer: 'llm', profile, fallback: null, edited: false }, 'dry-run-1')).toEqual({
      subject: 'Hello',
      body: email.body,
      shown_by: 'dry-run-1',
    });
    const asset: EditableDraft = { kind: 'asset', title: 'T', body: 'B', max_length: null, variants: [{ channel: 'x', body: 'X', max_length: 280 }] };
    expect(shownEditOf(asset, { writer: 'llm', profile, fallback: null, edited: false }, 'dry-run-1')).toEqual({
      title: 'T',
      body: 'B',
      variants: [{ channel: 'x', body: 'X' }],
      shown_by: 'dry-run-1',
    });
  });

  it('sends a fallback back as shown too: the model might answer the next time', () => {
    expect(shownEditOf(email, { writer: 'template', profile, fallback: 'the model gave no answer within 15 s', edited: false }, 'dry-run-1')).toEqual({
      subject: 'Hello',
      body: email.body,
      shown_by: 'dry-run-1',
    });
  });

  it('sends nothing for a template\u2019s own draft, a kind no model writes, or a plan without provenance', () => {
    expect(shownEditOf(email, { writer: 'template', profile, fallback: null, edited: false }, 'dry-run-1')).toBeNull();
    const task: EditableDraft = { kind: 'task', subject: 'Call', due_at: '2026-12-03T10:00:00.000Z' };
    expect(shownEditOf(task, { writer: 'template', profile, fallback: 'x', edited: false }, 'dry-run-1')).toBeNull();
    expect(shownEditOf(email, undefined, 'dry-run-1')).toBeNull();
  });
});

describe('problemField', () => {
  it.each([
    ['The subject must not be empty.', 'subject'],
    ['The message must not be empty.', 'body'],
    ['The body names an address that is not the recipient\u2019s: sam@globex.example.', 'body'],
    ['subject must not be empty', 'subject'],
    ['The agenda needs at least one item.', 'agenda'],
    ['agenda items must be one line each', 'agenda'],
    ['Pick a start time.', 'slot_start'],
    ['Pick a due date.', 'due_at'],
    ['The title must not be empty.', 'title'],
    ['The x post is 12 characters over its 280.', 'variant:x'],
    ['The linkedin variant uses "synergy", a phrase the voice profile avoids.', 'variant:linkedin'],
    ['Something else went wrong.', null],
  ])('reads "%s" as about %s', (problem, field) => {
    expect(problemField(problem)).toBe(field);
  });
});

describe('editProblems', () => {
  it('names empty fields and text over a channel limit', () => {
    expect(editProblems({ kind: 'email', subject: ' ', body: 'Hi' })).toEqual(['The subject must not be empty.']);
    const asset: EditableDraft = {
      kind: 'asset',
      title: 'T',
      body: 'B',
      max_length: null,
      variants: [{ channel: 'x', body: 'x'.repeat(285), max_length: 280 }],
    };
    expect(editProblems(asset)).toEqual(['The x post is 5 characters over its 280.']);
    expect(editProblems({ kind: 'task', subject: 'S', due_at: '' })).toEqual(['Pick a due date.']);
  });

  it('asks for an agenda item when a meeting’s agenda was cleared (an edit without one would keep the writer’s)', () => {
    const meeting: EditableDraft = { kind: 'meeting', slot_start: '2026-12-03T10:00:00.000Z', agenda: ['', '  '] };
    expect(editProblems(meeting)).toEqual(['The agenda needs at least one item.']);
    expect(editProblems({ ...meeting, agenda: [] })).toEqual(['The agenda needs at least one item.']);
    expect(editProblems({ ...meeting, agenda: ['', 'Demo'] })).toEqual([]);
  });
});

describe('local date inputs', () => {
  it('round-trips an ISO time through the browser zone’s datetime-local value', () => {
    const iso = '2026-12-03T10:45:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('not a date')).toBe('');
  });
});

describe('withFieldValue', () => {
  it('sets a text field as typed and leaves the others', () => {
    expect(withFieldValue({ kind: 'email', subject: 'Hi', body: 'Text' }, 'subject', 'Hello')).toEqual({ kind: 'email', subject: 'Hello', body: 'Text' });
  });

  it('takes a time from the browser zone’s input as ISO, and an unfinished one as empty', () => {
    const task: EditableDraft = { kind: 'task', subject: 'S', due_at: '2026-12-03T10:00:00.000Z' };
    const due = '2026-12-04T09:30:00.000Z';
    expect(withFieldValue(task, 'due_at', toLocalInput(due))).toEqual({ ...task, due_at: due });
    expect(withFieldValue(task, 'due_at', '')).toEqual({ ...task, due_at: '' });
  });

  it('splits a meeting’s agenda an item a line, keeping blank lines as typed', () => {
    const meeting: EditableDraft = { kind: 'meeting', slot_start: '2026-12-03T10:00:00.000Z', agenda: ['Intro'] };
    expect(withFieldValue(meeting, 'agenda', 'Demo\n\nPricing')).toEqual({ ...meeting, agenda: ['Demo', '', 'Pricing'] });
  });

  it('changes only the named channel’s variant of an asset', () => {
    const asset: EditableDraft = {
      kind: 'asset',
      title: 'T',
      body: 'B',
      max_length: null,
      variants: [
        { channel: 'x', body: 'old x', max_length: 280 },
        { channel: 'linkedin', body: 'old li', max_length: null },
      ],
    };
    expect(withFieldValue(asset, 'variant:linkedin', 'new li')).toEqual({
      ...asset,
      variants: [
        { channel: 'x', body: 'old x', max_length: 280 },
        { channel: 'linkedin', body: 'new li', max_length: null },
      ],
    });
  });
});

describe('EditKeys', () => {
  it('keeps the key for a double press of the same edit, and before any execute whatever the edit', () => {
    const keys = new EditKeys();
    const first = keys.peek({ body: 'A' });
    expect(keys.peek({ body: 'B' })).toBe(first);
    expect(keys.use({ body: 'B' })).toBe(first);
    expect(keys.use({ body: 'B' })).toBe(first);
  });

  it('makes a new key when the edit changes after an attempt, and after a recorded failure', () => {
    const keys = new EditKeys();
    const first = keys.use({ body: 'A' });
    const second = keys.peek({ body: 'B' });
    expect(second).not.toBe(first);
    expect(keys.use({ body: 'B' })).toBe(second);
    expect(keys.use(null)).not.toBe(second);
    const third = keys.use(null);
    keys.forget(null);
    expect(keys.use(null)).not.toBe(third);
  });

  it('keeps the key an execute used while its outcome is unknown, whatever was dry-run in between', () => {
    const keys = new EditKeys();
    const sent = keys.use({ body: 'A' });
    // No answer came back; the person types (a dry run of the other edit) and undoes it.
    const other = keys.peek({ body: 'A2' });
    expect(other).not.toBe(sent);
    expect(keys.peek({ body: 'A' })).toBe(sent);
    expect(keys.use({ body: 'A' })).toBe(sent);
    // The other edit, executed after all, goes with the key its dry run used.
    expect(keys.use({ body: 'A2' })).toBe(other);
    expect(keys.use({ body: 'A' })).toBe(sent);
  });
});

describe('repurposeSourceOf', () => {
  it('takes the URL and text the move carries, and its signal label', () => {
    expect(repurposeSourceOf({ source_url: 'https://example.com/webinar', context: { signal_label: 'Webinar', note: 'Recording notes' } })).toEqual({
      url: 'https://example.com/webinar',
      text: 'Recording notes',
      label: 'Webinar',
    });
    expect(repurposeSourceOf({})).toEqual({ url: null, text: null, label: null });
  });
});
