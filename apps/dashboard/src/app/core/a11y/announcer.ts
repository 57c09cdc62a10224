import { DOCUMENT, Injectable, inject } from '@angular/core';

export type Politeness = 'polite' | 'assertive';

// Long enough for screen readers to notice the region was emptied, so the same text twice is read twice.
const REFILL_DELAY_MS = 100;

/**
 * Speaks a short message to screen readers through two visually hidden live regions (polite and
 * assertive) added to the page on first use. Small on purpose: the CDK's LiveAnnouncer would add
 * ~6 kB of focus and key handling to every first load for the toasts alone.
 */
@Injectable({ providedIn: 'root' })
export class Announcer {
  private readonly document = inject(DOCUMENT);
  private readonly regions = new Map<Politeness, HTMLElement>();
  private readonly pending = new Map<Politeness, ReturnType<typeof setTimeout>>();

  announce(message: string, politeness: Politeness = 'polite'): void {
    const region = this.region(politeness);
    clearTimeout(this.pending.get(politeness));
    region.textContent = '';
    this.pending.set(
      politeness,
      setTimeout(() => (region.textContent = message), REFILL_DELAY_MS),
    );
  }

  private region(politeness: Politeness): HTMLElement {
    let region = this.regions.get(politeness);
    if (!region) {
      region = this.document.createElement('div');
      region.className = 'visually-hidden';
      region.setAttribute('aria-live', politeness);
      region.setAttribute('aria-atomic', 'true');
      region.dataset['testid'] = `announcer-${politeness}`;
      this.document.body.append(region);
      this.regions.set(politeness, region);
    }
    return region;
  }
}
