import { Provider, signal } from '@angular/core';
import { LiveEventHandlers, LiveEventsService } from './live-events.service';

/** For store tests: a LiveEventsService that hands the test the handlers a store follows with, so the test can play events to it. */
export function liveEventsFollowedBy(capture: (handlers: LiveEventHandlers) => void): Provider {
  return {
    provide: LiveEventsService,
    useValue: {
      follow: (handlers: LiveEventHandlers) => {
        capture(handlers);
        return signal('live');
      },
    },
  };
}
