import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import { DOMAINS, Domain } from '@caseyos/contracts';
import { filter, map } from 'rxjs';

const DOMAIN_PARAM = 'domain';

export interface DomainTab {
  /** `null` is "All": no query param. */
  domain: Domain | null;
  label: string;
}

export const DOMAIN_LABELS: Readonly<Record<Domain, string>> = { sales: 'Sales', marketing: 'Marketing', cs: 'CS' };

export const DOMAIN_TABS: readonly DomainTab[] = [{ domain: null, label: 'All' }, ...DOMAINS.map((domain) => ({ domain, label: DOMAIN_LABELS[domain] }))];

function parseDomain(value: string | null): Domain | null {
  return DOMAINS.find((d) => d === value) ?? null;
}

/** The selected domain lives in the URL (`?domain=`), so it survives reloads and can be shared. */
@Injectable({ providedIn: 'root' })
export class DomainFilterService {
  private readonly router = inject(Router);

  readonly domain = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.current()),
    ),
    { initialValue: this.current() },
  );

  select(domain: Domain | null): void {
    void this.router.navigate([], { queryParams: { [DOMAIN_PARAM]: domain }, queryParamsHandling: 'merge' });
  }

  private current(): Domain | null {
    return parseDomain(this.router.parseUrl(this.router.url).queryParamMap.get(DOMAIN_PARAM));
  }
}
