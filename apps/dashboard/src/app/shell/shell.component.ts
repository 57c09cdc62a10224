import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { AuthService } from '../core/auth/auth.service';
import { DOMAIN_TABS, DomainFilterService } from '../core/domain/domain-filter.service';
import { describeHttpError } from '../core/http/http-error';
import { ShortcutService } from '../core/shortcuts/shortcut.service';
import { ThemeService } from '../core/theme/theme.service';
import { ToastService } from '../core/toast/toast.service';
import { HealthIndicatorComponent } from './health-indicator.component';

/** The signed-in frame: brand, domain tabs, API health, theme and sign-out around every page. */
@Component({
  selector: 'cos-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, HealthIndicatorComponent],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  protected readonly theme = inject(ThemeService);
  protected readonly domainFilter = inject(DomainFilterService);

  protected readonly tabs = DOMAIN_TABS;
  protected readonly signingOut = signal(false);

  constructor() {
    const shortcuts = inject(ShortcutService);
    const unregister = DOMAIN_TABS.map((tab, index) =>
      shortcuts.register({
        key: String(index + 1),
        description: `Show ${tab.domain ? tab.label : 'all domains'}`,
        scope: 'Domains',
        run: () => this.domainFilter.select(tab.domain),
      }),
    );
    inject(DestroyRef).onDestroy(() => unregister.forEach((fn) => fn()));
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
