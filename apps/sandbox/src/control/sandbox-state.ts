import type { SandboxContext } from '../sandbox-context';
import { type CalendarEvent, eventTimeMs } from '../world/calendar-store';
import { PIPELINE_STAGES } from '../world/deal-pipeline';
import type { MimePart } from '../world/gmail-records';
import { headerValue, plainText } from '../world/mime-message';

const DRAFT_HEADERS = ['Message-ID', 'From', 'To', 'Cc', 'Bcc', 'Subject', 'In-Reply-To', 'References'];
const RECENT = 20;

/** The addressing headers plus every X- header a client added (e.g. an execution marker). */
function draftHeaders(payload: MimePart): Record<string, string> {
  const extra = payload.headers.filter((h) => /^x-/i.test(h.name)).map((h) => h.name);
  return Object.fromEntries(
    [...DRAFT_HEADERS, ...extra].flatMap((name) => {
      const value = headerValue(payload, name);
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

function eventSummary(event: CalendarEvent) {
  const time = (value: unknown) => new Date(eventTimeMs(value)).toISOString();
  const attendees = Array.isArray(event.fields.attendees) ? (event.fields.attendees as { email: string }[]) : [];
  return {
    id: event.id,
    summary: typeof event.fields.summary === 'string' ? event.fields.summary : null,
    description: typeof event.fields.description === 'string' ? event.fields.description : null,
    status: event.status,
    attendees: attendees.map((a) => a.email),
    start: time(event.fields.start),
    end: time(event.fields.end),
  };
}

/** GET /_sandbox/state: what the sandbox holds, for tests and for a human poking at it. */
export function sandboxState(ctx: SandboxContext) {
  const { world, settings } = ctx;
  const { crm, mailbox, calendar } = world;
  const deals = [...crm.deals.values()];
  const messages = [...mailbox.messages.values()];
  const events = [...calendar.events.values()];
  // The private-app token is configuration, not state; it stays out of the summary.
  const { hubspotPrivateAppToken: _omitted, ...shownSettings } = settings;
  return {
    seed: world.seed,
    now: new Date(ctx.clock.now()).toISOString(),
    clockOffsetMs: ctx.clock.offset,
    settings: shownSettings,
    hubspot: {
      owners: crm.owners.size,
      companies: crm.companies.size,
      contacts: crm.contacts.size,
      deals: deals.length,
      dealsByStage: Object.fromEntries(PIPELINE_STAGES.map((s) => [s.id, deals.filter((d) => d.stageId === s.id).length])),
      tasks: [...crm.tasks.values()].map((t) => ({
        id: t.id,
        subject: t.properties.hs_task_subject ?? null,
        body: t.properties.hs_task_body ?? null,
        status: t.properties.hs_task_status ?? 'NOT_STARTED',
        completedAt: t.properties.hs_task_completion_date ? new Date(Number(t.properties.hs_task_completion_date)).toISOString() : null,
        timestamp: t.properties.hs_timestamp ?? null,
        priority: t.properties.hs_task_priority ?? null,
        type: t.properties.hs_task_type ?? null,
        contactIds: t.contactIds,
        dealIds: t.dealIds,
      })),
      oauth: ctx.hubspotGrants.summary(),
    },
    gmail: {
      account: world.account.email,
      aliases: [world.account.alias],
      historyId: String(mailbox.historyId),
      oldestAnsweredHistoryId: String(mailbox.oldestAnsweredHistoryId),
      historyRecords: mailbox.historyRecordCount,
      messages: messages.length,
      threads: new Set(messages.map((m) => m.threadId)).size,
      unread: messages.filter((m) => m.labelIds.includes('UNREAD')).length,
      drafts: [...mailbox.drafts.values()].map((d) => {
        const message = mailbox.messages.get(d.messageId);
        return {
          id: d.id,
          messageId: d.messageId,
          threadId: message?.threadId,
          headers: message ? draftHeaders(message.payload) : {},
          text: message ? plainText(message.payload) : '',
        };
      }),
    },
    calendar: {
      events: events.filter((e) => e.status !== 'cancelled').length,
      cancelled: events.filter((e) => e.status === 'cancelled').length,
      eventList: events.map(eventSummary),
      changeSeq: calendar.changeSeq,
      notifications: calendar.notifications.slice(-RECENT).map((n) => ({ ...n, at: new Date(n.at).toISOString() })),
    },
    google: { oauth: ctx.googleGrants.summary() },
    faults: {
      pending: ctx.faults.pending(),
      served: ctx.faults.served.map((f) => ({ ...f, at: new Date(f.at).toISOString() })),
    },
  };
}
