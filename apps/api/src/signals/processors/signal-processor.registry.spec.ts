import { SIGNAL_SOURCES } from '@caseyos/contracts';
import { CalendarSignalProcessor } from './calendar.processor';
import { FormSignalProcessor, formKind } from './form.processor';
import { GmailRepliesProcessor } from './gmail-replies.processor';
import { HubSpotDealsProcessor } from './hubspot-deals.processor';
import { ManualSignalProcessor } from './manual.processor';
import { SignalProcessorRegistry } from './signal-processor.registry';

const all = () => [
  new FormSignalProcessor(),
  new ManualSignalProcessor(),
  new HubSpotDealsProcessor(),
  new GmailRepliesProcessor(),
  new CalendarSignalProcessor(),
];

describe('SignalProcessorRegistry', () => {
  it('has one processor per source', () => {
    const registry = new SignalProcessorRegistry(all());
    for (const source of SIGNAL_SOURCES) expect(registry.for(source).source).toBe(source);
  });

  it('fails fast when a source has no processor', () => {
    expect(() => new SignalProcessorRegistry(all().filter((p) => p.source !== 'calendar'))).toThrow('No signal processor for source(s): calendar');
  });

  it('fails fast on two processors for one source', () => {
    expect(() => new SignalProcessorRegistry([...all(), new FormSignalProcessor()])).toThrow('Two signal processors for source "form"');
  });
});

describe('formKind', () => {
  it.each([
    ['Request a demo', 'demo_request'],
    ['Talk to sales', 'demo_request'],
    ['Pricing inquiry', 'pricing_request'],
    ['Newsletter', 'newsletter_signup'],
    ['Contact us', 'contact'],
  ])('%s -> %s', (name, kind) => expect(formKind(name)).toBe(kind));
});
