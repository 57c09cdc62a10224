import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, Injector, OnInit, afterNextRender, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { INTEGRATION_PROVIDERS, IntegrationProvider, IntegrationSummary, IntegrationsResponse } from '@caseyos/contracts';
import { fromEvent } from 'rxjs';
import { describeHttpError } from '../../core/http/http-error';
import { IntegrationsService } from '../../core/integrations/integrations.service';
import { ToastService } from '../../core/toast/toast.service';
import { RefreshedResource } from '../../shared/data/refreshed-resource';
import { relativeTime } from '../../shared/time/relative-time';
import { LoadStateComponent } from '../../shared/ui/load-state.component';
import { PROVIDERS, STATUS_LABELS, canDisconnect, connectAction, scopeLabel } from './integration-format';

// Sync times and errors change as the pollers run; a glance at the page should be current.
const AUTO_REFRESH_MS = 30_000;

function providerName(value: string): string {
  const known = INTEGRATION_PROVIDERS.find((provider) => provider === value);
  return known ? PROVIDERS[known].name : value;
}

/** Connected accounts: status, mode, scopes, sync health, and the buttons to connect or let go. */
@Component({
  selector: 'cos-integrations',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent],
  templateUrl: './integrations.component.html',
  styleUrl: './integrations.component.css',
})
export class IntegrationsComponent implements OnInit {
  private readonly integrations = inject(IntegrationsService);
  private readonly toast = inject(ToastService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Set by the API's OAuth callback when it sends the browser back here (withComponentInputBinding). */
  readonly connected = input<string>();
  readonly error = input<string>();

  protected readonly now = signal(Date.now());
  private readonly list = new RefreshedResource<IntegrationsResponse>({
    load: () => this.integrations.list(),
    settled: () => this.now.set(Date.now()),
    what: 'integrations',
    pollMs: AUTO_REFRESH_MS,
  });
  protected readonly state = this.list.state;
  protected readonly response = this.list.value;
  /** Set when a background refresh failed: what is shown may be out of date. */
  protected readonly refreshError = this.list.refreshError;
  /** The provider whose Disconnect asks "are you sure?". */
  protected readonly confirming = signal<IntegrationProvider | null>(null);
  protected readonly disconnecting = signal<IntegrationProvider | null>(null);
  /** The provider whose consent screen the browser is on its way to. */
  protected readonly opening = signal<IntegrationProvider | null>(null);

  protected readonly providers = PROVIDERS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly connectAction = connectAction;
  protected readonly canDisconnect = canDisconnect;
  protected readonly scopeLabel = scopeLabel;
  protected readonly relativeTime = relativeTime;

  constructor() {
    // Back from a consent screen, the browser may restore this page as it was left: "Opening…".
    fromEvent(this.document.defaultView ?? this.document, 'pageshow')
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.opening.set(null));
  }

  ngOnInit(): void {
    this.list.reload('initial');
    this.reportReturnFromProvider();
  }

  protected retry(): void {
    this.list.startOver();
  }

  protected connect(summary: IntegrationSummary): void {
    this.opening.set(summary.provider);
    // Leaves the app: the API redirects to the consent screen, which comes back to this page.
    this.document.location.assign(this.integrations.connectUrl(summary.provider));
  }

  protected askDisconnect(provider: IntegrationProvider): void {
    this.confirming.set(provider);
    // The confirm button replaces the one that was pressed; keep the keyboard focus with it.
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(`[data-confirm-for="${provider}"]`)?.focus(), {
      injector: this.injector,
    });
  }

  protected cancelDisconnect(): void {
    const provider = this.confirming();
    this.confirming.set(null);
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(`[data-disconnect-for="${provider}"]`)?.focus(), {
      injector: this.injector,
    });
  }

  protected disconnect(provider: IntegrationProvider): void {
    const name = PROVIDERS[provider].name;
    this.confirming.set(null);
    this.disconnecting.set(provider);
    this.integrations.disconnect(provider).subscribe({
      next: () => {
        this.disconnecting.set(null);
        this.toast.success(`${name} disconnected. CaseyOS no longer syncs it, and its tokens are forgotten.`);
        this.list.reload();
      },
      error: (err: unknown) => {
        this.disconnecting.set(null);
        this.toast.error(`Could not disconnect ${name}: ${describeHttpError(err)}`);
        this.list.reload(); // a 404 means it was already gone: show what is true now
      },
    });
  }

  /** Says how the trip to the provider ended, once: the query is dropped so a reload stays quiet. */
  private reportReturnFromProvider(): void {
    const connected = this.connected();
    const error = this.error();
    if (!connected && !error) {
      return;
    }
    if (error) {
      // The API sends "<provider>: <what the provider said>".
      const [provider, ...rest] = error.split(': ');
      this.toast.error(rest.length ? `Could not connect ${providerName(provider)}: ${rest.join(': ')}` : `Could not connect: ${error}`);
    } else if (connected) {
      this.toast.success(`${providerName(connected)} connected.`);
    }
    void this.router.navigate([], { queryParams: { connected: null, error: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
