import { Injectable } from '@nestjs/common';
import type { Signal } from '../entities/signal.entity';
import { SignalProcessor, text } from './signal-processor';

/** Meetings with known contacts booked or cancelled, found by the Calendar poller. */
@Injectable()
export class CalendarSignalProcessor implements SignalProcessor {
  readonly source = 'calendar' as const;

  facts(signal: Signal) {
    return {
      contactEmail: signal.contactEmail,
      contactName: text(signal.payload.contact_name),
      company: signal.company,
      subject: text(signal.payload.summary),
    };
  }
}
