import type { FastifyPluginAsync } from 'fastify';
import { calendarError, googleErrors } from '../http/google-errors';
import type { SandboxContext } from '../sandbox-context';
import type { CalendarEvent } from '../world/calendar-store';
import { listEvents } from './calendar-event-list';
import { queryFreeBusy } from './calendar-free-busy';
import { assertTimeRange, eventView, parseSendUpdates, writableFields } from './calendar-event-view';
import { addGoogleApiHooks } from './google-api-hooks';
import { CALENDAR_FREEBUSY_SCOPES, CALENDAR_READ_SCOPES, CALENDAR_WRITE_SCOPES } from './google-scopes';

type EventParams = { calendarId: string; eventId: string };
type Query = Record<string, unknown>;

const EVENTS = '/calendar/v3/calendars/:calendarId/events';

/** Calendar API v3: events and free/busy of the account's primary calendar (www.googleapis.com/calendar/v3/...). */
export function calendarPlugin(ctx: SandboxContext): FastifyPluginAsync {
  return async (scope) => {
    addGoogleApiHooks(scope, ctx, 'calendar');
    const read = { config: { googleScopes: CALENDAR_READ_SCOPES } };
    const write = { config: { googleScopes: CALENDAR_WRITE_SCOPES } };

    const calendar = (calendarId: string) => {
      const store = ctx.world.calendar;
      if (calendarId !== 'primary' && calendarId.toLowerCase() !== store.ownerEmail) throw googleErrors.calendarNotFound();
      return store;
    };
    const event = (params: EventParams): CalendarEvent => {
      const found = calendar(params.calendarId).events.get(params.eventId);
      if (!found) throw googleErrors.calendarNotFound();
      return found;
    };
    const view = (e: CalendarEvent) => eventView(e, ctx.world.calendar.ownerEmail);

    scope.get<{ Params: { calendarId: string }; Querystring: Query }>(
      EVENTS,
      { config: { ...read.config, faultKinds: ['sync_token_expired'], responseFaults: { missing_sync_cursor: ['nextSyncToken'] } } },
      async (request) => {
        const store = calendar(request.params.calendarId);
        const page = listEvents(store, request.query);
        const latest = Math.max(0, ...[...store.events.values()].map((e) => e.updated));
        return {
          kind: 'calendar#events',
          etag: `"${latest * 1000}"`,
          summary: store.ownerEmail,
          description: '',
          updated: new Date(latest || ctx.clock.now()).toISOString(),
          timeZone: 'UTC',
          accessRole: 'owner',
          defaultReminders: [{ method: 'popup', minutes: 10 }],
          ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : { nextSyncToken: page.nextSyncToken }),
          items: page.items.map(view),
        };
      },
    );

    scope.post<{ Params: { calendarId: string }; Querystring: Query }>(EVENTS, write, async (request) => {
      const store = calendar(request.params.calendarId);
      const sendUpdates = parseSendUpdates(request.query.sendUpdates);
      const organizer = { email: store.ownerEmail, self: true };
      const fields = writableFields(request.body, store.ownerEmail, organizer);
      assertTimeRange(fields);
      const id = (request.body as { id?: unknown }).id;
      if (id !== undefined) {
        if (typeof id !== 'string' || !/^[a-v0-9]{5,1024}$/.test(id)) throw googleErrors.calendarInvalid('Invalid resource id value.');
        if (store.events.has(id)) throw calendarError(409, 'The requested identifier already exists.', 'duplicate');
      }
      const inserted = store.insert(fields, ctx.clock.now(), { id, organizer });
      store.recordNotification(inserted, sendUpdates, ctx.clock.now());
      return view(inserted);
    });

    scope.get<{ Params: EventParams }>(`${EVENTS}/:eventId`, read, async (request) => view(event(request.params)));

    scope.patch<{ Params: EventParams; Querystring: Query }>(`${EVENTS}/:eventId`, write, async (request) => {
      const found = event(request.params);
      const sendUpdates = parseSendUpdates(request.query.sendUpdates);
      const fields = writableFields(request.body, ctx.world.calendar.ownerEmail, found.organizer);
      if (fields.start !== undefined || fields.end !== undefined) assertTimeRange({ ...found.fields, ...fields });
      const status = (request.body as { status?: unknown }).status;
      ctx.world.calendar.update(found, { fields, status, replace: false }, ctx.clock.now());
      ctx.world.calendar.recordNotification(found, sendUpdates, ctx.clock.now());
      return view(found);
    });

    scope.put<{ Params: EventParams; Querystring: Query }>(`${EVENTS}/:eventId`, write, async (request) => {
      const found = event(request.params);
      const sendUpdates = parseSendUpdates(request.query.sendUpdates);
      const fields = writableFields(request.body, ctx.world.calendar.ownerEmail, found.organizer);
      assertTimeRange(fields);
      const status = (request.body as { status?: unknown }).status;
      ctx.world.calendar.update(found, { fields, status, replace: true }, ctx.clock.now());
      ctx.world.calendar.recordNotification(found, sendUpdates, ctx.clock.now());
      return view(found);
    });

    scope.post('/calendar/v3/freeBusy', { config: { googleScopes: CALENDAR_FREEBUSY_SCOPES } }, async (request) =>
      queryFreeBusy(ctx.world.calendar, request.body),
    );

    scope.delete<{ Params: EventParams; Querystring: Query }>(`${EVENTS}/:eventId`, write, async (request, reply) => {
      const found = event(request.params);
      if (found.status === 'cancelled') throw googleErrors.calendarDeleted();
      const sendUpdates = parseSendUpdates(request.query.sendUpdates);
      ctx.world.calendar.cancel(found, ctx.clock.now());
      ctx.world.calendar.recordNotification(found, sendUpdates, ctx.clock.now());
      reply.code(204).send();
    });
  };
}
