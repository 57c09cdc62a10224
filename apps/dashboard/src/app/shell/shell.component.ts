import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Domain } from '@caseyos/contracts';
import { filter, map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { DOMAIN_TABS, DomainFilterService } from '../core/domain/domain-filter.service';
import { GuardrailsStore } from '../core/execution/guardrails.store';
import { describeHttpError } from '../core/http/http-error';
import { IntegrationsService } from '../core/integrations/integrations.service';
import { ShortcutService } from '../core/shortcuts/shortcut.service';
import { ThemeService } from '../core/theme/theme.service';
import { ToastService } from '../core/toast/toast.service';
import { EmergencyBannerComponent } from './emergency-banner.component';
import { HealthIndicatorComponent } from './health-indicator.component';
import { UrgentAlertsToggleComponent } from './urgent-alerts-toggle.component';

/**
 * The signed-in frame: emergency stop and sandbox banners, brand, pages, domain tabs, API health,
 * urgent move alerts, theme and sign-out around every page.
 */
@Component({
  selector: 'cos-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, HealthIndicatorComponent, EmergencyBannerComponent, UrgentAlertsToggleComponent],
  // The banner needs the guardrails on every page; the Today page's panels share this copy.
  providers: [GuardrailsStore],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  protected readonly theme = inject(ThemeService);
  protected readonly domainFilter = inject(DomainFilterService);
  /** Its `sandbox` flag drives the banner shown on every page. */
  protected readonly integrations = inject(IntegrationsService);

  protected readonly tabs = DOMAIN_TABS;
  protected readonly signingOut = signal(false);
  /** The domain tabs filter Today's page; elsewhere they would filter nothing. */
  protected readonly onToday = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.isToday()),
    ),
    { initialValue: this.isToday() },
  );

  constructor() {
    const shortcuts = inject(ShortcutService);
    const destroyRef = inject(DestroyRef);
    const unregister = DOMAIN_TABS.map((tab, index) =>
      shortcuts.register({
        key: String(index + 1),
        description: `Show ${tab.domain ? tab.label : 'all domains'}`,
        scope: 'Domains',
        run: () => this.showDomain(tab.domain),
      }),
    );
    unregister.push(
      shortcuts.register({
        key: 'o',
        aliases: ['O'],
        description: 'Open Admin (audit log, processes, kill switch)',
        scope: 'Pages',
        run: () => void this.router.navigate(['/admin']),
      }),
    );
    destroyRef.onDestroy(() => unregister.forEach((fn) => fn()));
    this.integrations.loadMode(destroyRef);
  }

  /** From another page, a domain shortcut goes to Today with that domain shown. */
  private showDomain(domain: Domain | null): void {
    if (this.onToday()) {
      this.domainFilter.select(domain);
    } else {
      void this.router.navigate(['/'], { queryParams: { domain } });
    }
  }

  private isToday(): boolean {
    return this.router.parseUrl(this.router.url).root.children['primary'] === undefined;
  }

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.signOut();
      this.toast.success('Signed out.');
    } catch (err) {
      // The local session is gone either way; say why the server may still hold one.
      this.toast.error(`Signed out here, but the API did not confirm: ${describeHttpError(err)}`);
    } finally {
      this.signingOut.set(false);
    }
    await this.router.navigateByUrl('/sign-in');
  }
}
