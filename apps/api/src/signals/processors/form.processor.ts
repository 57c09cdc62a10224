import { Injectable } from '@nestjs/common';
import type { Signal } from '../entities/signal.entity';
import { SignalProcessor, text } from './signal-processor';

/** Which form was filled decides the kind of signal. */
export function formKind(formName: string): string {
  if (/demo|talk to sales|book a call|meeting/i.test(formName)) return 'demo_request';
  if (/pricing|quote|plans?\b/i.test(formName)) return 'pricing_request';
  if (/newsletter|subscribe|updates/i.test(formName)) return 'newsletter_signup';
  return 'contact';
}

@Injectable()
export class FormSignalProcessor implements SignalProcessor {
  readonly source = 'form' as const;

  facts(signal: Signal) {
    const fields = (signal.payload.fields ?? {}) as Record<string, unknown>;
    const name = [text(fields.firstname), text(fields.lastname)].filter(Boolean).join(' ');
    return { contactEmail: signal.contactEmail, contactName: name || null, company: signal.company, formName: text(signal.payload.form_name) };
  }
}
