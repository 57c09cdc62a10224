import { DOCUMENT, Injectable, inject } from '@angular/core';

export type Politeness = 'polite' | 'assertive';

// Long enough for screen readers to notice the region was emptied, so the same text twice is read twice.
const REFILL_DELAY_MS = 100;

/**
 * Speaks a short message to screen readers through two visually hidden live regions (polite and
 * assertive). Small on purpose: the CDK's LiveAnnouncer would add ~6 kB of focus and key handling
 * to every first load for the toasts alone.
 *
 * The regions exist from the start, as screen readers ignore changes to a live region just
 * added. While a modal `<dialog>` is open the rest of the page is inert and not read, so the
 * regions move into that dialog when it opens and back out when it closes.
 */
@Injectable({ providedIn: 'root' })
export class Announcer {
  private readonly document = inject(DOCUMENT);
  private readonly regions: Record<Politeness, HTMLElement> = { polite: this.createRegion('polite'), assertive: this.createRegion('assertive') };
  private readonly pending = new Map<Politeness, ReturnType<typeof setTimeout>>();

  constructor() {
    this.document.body.append(...Object.values(this.regions));
    new MutationObserver(() => this.followModalDialog()).observe(this.document.body, { subtree: true, attributes: true, attributeFilter: ['open'] });
  }

  announce(message: string, politeness: Politeness = 'polite'): void {
    const region = this.regions[politeness];
    // Gone with a dialog removed while open (e.g. the page left by Back): better late than never.
    if (!region.isConnected) this.followModalDialog();
    clearTimeout(this.pending.get(politeness));
    region.textContent = '';
    this.pending.set(
      politeness,
      setTimeout(() => (region.textContent = message), REFILL_DELAY_MS),
    );
  }

  /** Puts the regions in the topmost open modal dialog, or back in the body once none is open. */
  private followModalDialog(): void {
    const host = [...this.document.querySelectorAll('dialog:modal')].at(-1) ?? this.document.body;
    for (const region of Object.values(this.regions)) {
      if (region.parentNode !== host) host.append(region);
    }
  }

  private createRegion(politeness: Politeness): HTMLElement {
    const region = this.document.createElement('div');
    region.className = 'visually-hidden';
    region.setAttribute('aria-live', politeness);
    region.setAttribute('aria-atomic', 'true');
    region.dataset['testid'] = `announcer-${politeness}`;
    return region;
  }
}
