import { Injectable } from '@nestjs/common';
import type { Signal } from '../entities/signal.entity';
import { SignalProcessor, text } from './signal-processor';

@Injectable()
export class ManualSignalProcessor implements SignalProcessor {
  readonly source = 'manual' as const;

  facts(signal: Signal) {
    return { contactEmail: signal.contactEmail, contactName: text(signal.payload.contact_name), company: signal.company, note: text(signal.payload.note) };
  }
}
