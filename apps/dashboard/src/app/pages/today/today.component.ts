import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  ViewContainerRef,
  afterNextRender,
  computed,
  inject,
  inputBinding,
  outputBinding,
  signal,
  viewChild,
} from '@angular/core';
import { DOMAIN_LABELS, DomainFilterService } from '../../core/domain/domain-filter.service';
import { ShortcutService } from '../../core/shortcuts/shortcut.service';
import { LazyComponent, prefetchWhenIdle } from '../../shared/ui/lazy-component';
import { onceNearViewport } from '../../shared/ui/near-viewport';
import { ContactRef } from './contact/contact-ref';
import { ExecuteTarget } from './execution/execution-format';
import { MovesWidgetComponent } from './moves/moves-widget.component';
import { QueueStatsComponent } from './moves/queue-stats.component';
import { QuickActionsComponent } from './moves/quick-actions.component';
import { TodayMovesStore } from './moves/today-moves.store';
import { OutcomeFiguresComponent } from './outcomes/outcome-figures.component';
import { OutcomeStatsStore } from './outcomes/outcome-stats.store';
import type { TodayPanelsComponent } from './today-panels.component';

@Component({
  selector: 'cos-today',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [QueueStatsComponent, MovesWidgetComponent, QuickActionsComponent, OutcomeFiguresComponent],
  // One of each store per visit to the page: the widgets share them, and leaving the page stops them following the live stream.
  providers: [TodayMovesStore, OutcomeStatsStore],
  template: `
    <header class="page-header">
      <h1>Today</h1>
      <p class="subtitle">
        <span>{{ date }}</span>
        <span aria-hidden="true">·</span>
        <span data-testid="today-domain">{{ domainLabel() }}</span>
      </p>
    </header>
    <cos-queue-stats class="stats" />
    <cos-outcome-figures class="stats" />
    <div class="grid">
      <cos-moves-widget (executeMove)="execute($event)" (openContact)="showContact($event)" />
      <!-- Focus entering the column (Tab from the moves) brings its panels before it moves on. -->
      <aside class="side" (focusin)="showPanels()">
        <cos-quick-actions />
        <!-- Execution history, outcomes, guardrails, signals and jobs: out of view at first, so
             fetched when they come near the screen, on focus or from a shortcut. -->
        <ng-container #panels />
        @if (!panelsShown()) {
          <div #panelsPlaceholder class="card panels-placeholder" data-testid="today-panels-placeholder" aria-hidden="true"></div>
        }
      </aside>
    </div>
    <!-- One execute dialog for the page (a move's Execute and a failed execution's Retry both
         open it) and one contact timeline (a move's contact and a signal's), created here on first use. -->
    <ng-container #dialogs />
  `,
  styles: `
    .page-header .subtitle {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .stats {
      display: block;
      margin-bottom: 1.25rem;
    }
    .grid {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(18rem, 22rem);
      align-items: start;
      gap: 1.25rem;
    }
    .side {
      display: flex;
      flex-direction: column;
      gap: 1.25rem;
      min-width: 0;
    }
    .panels-placeholder {
      min-height: 20rem;
    }
    /* The moves come first; the side panels follow them on narrower screens. */
    @media (max-width: 960px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class TodayComponent {
  private readonly domainFilter = inject(DomainFilterService);

  protected readonly date = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' }).format(new Date());
  protected readonly domainLabel = computed(() => {
    const domain = this.domainFilter.domain();
    return domain ? DOMAIN_LABELS[domain] : 'All domains';
  });
  private readonly dialogs = viewChild.required('dialogs', { read: ViewContainerRef });
  private readonly panelsHost = viewChild.required('panels', { read: ViewContainerRef });
  private readonly panelsPlaceholder = viewChild<ElementRef<HTMLElement>>('panelsPlaceholder');
  private readonly panels = new LazyComponent(this.panelsHost, () => import('./today-panels.component').then((m) => m.TodayPanelsComponent), [
    inputBinding('domainLabel', this.domainLabel),
    outputBinding<ExecuteTarget>('retryMove', (target) => this.execute(target)),
    outputBinding<ContactRef>('openContact', (contact) => this.showContact(contact)),
  ]);
  protected readonly panelsShown = signal(false);
  private readonly executeDialog = new LazyComponent(this.dialogs, () => import('./today-dialogs').then((m) => m.ExecuteDialogComponent));
  private readonly timeline = new LazyComponent(this.dialogs, () => import('./today-dialogs').then((m) => m.ContactTimelineComponent));
  private stopWatchingPlaceholder: () => void = () => undefined;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const placeholder = this.panelsPlaceholder()?.nativeElement;
      if (placeholder) this.stopWatchingPlaceholder = onceNearViewport(placeholder, () => this.showPanels());
    });
    destroyRef.onDestroy(() => this.stopWatchingPlaceholder());
    prefetchWhenIdle(
      () => import('./today-dialogs'),
      () => import('./today-panels.component'),
    );
    // Here, not in the signals panel, so the shortcut works (and is listed) before the panel is loaded.
    const unregister = inject(ShortcutService).register({
      key: 'n',
      aliases: ['N'],
      description: 'Add a signal by hand',
      scope: 'Signals',
      run: () => void this.loadPanels().then((panels) => panels.openSignalForm()),
    });
    destroyRef.onDestroy(unregister);
  }

  /** Near the screen or focused: nobody typed for the panels, so the page's shortcuts stay live. */
  protected showPanels(): void {
    void this.loadPanels(false);
  }

  private loadPanels(askedFor = true): Promise<TodayPanelsComponent> {
    this.stopWatchingPlaceholder(); // loaded by focus or `n`: the placeholder is going away
    return this.panels.get(askedFor).then((panels) => {
      this.panelsShown.set(true);
      return panels;
    });
  }

  protected execute(target: ExecuteTarget): void {
    void this.executeDialog.get().then((dialog) => dialog.open(target));
  }

  protected showContact(contact: ContactRef): void {
    void this.timeline.get().then((timeline) => timeline.open(contact));
  }
}
