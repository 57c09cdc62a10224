import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { CollapseToggleComponent, CollapsibleWidgetDirective } from './collapsible-widget';

/**
 * A widget's or panel's `<header>`: title and caption, the widget's own controls (projected: live
 * badge, extra buttons, chips), a refresh button that spins while `busy`, and, inside a
 * collapsible widget, its collapse toggle. The host stays the `<header>` so the widget keeps
 * styling it and the collapsed state keeps showing it.
 */
@Component({
  selector: 'header[cos-widget-header]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CollapseToggleComponent],
  template: `
    <div class="heading">
      <h2 [id]="name() + '-title'">{{ heading() }}</h2>
      <p class="caption">{{ caption() }}</p>
    </div>
    <ng-content />
    <button
      type="button"
      class="icon-button"
      [attr.aria-label]="refreshLabel()"
      [title]="refreshTitle()"
      [attr.data-testid]="name() + '-refresh'"
      [attr.aria-busy]="busy()"
      (click)="refresh.emit()"
    >
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M21 12a9 9 0 1 1-2.6-6.4L21 8M21 3v5h-5" /></svg>
    </button>
    @if (collapsible) {
      <cos-collapse-toggle [label]="heading()" />
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: flex-start;
      gap: 0.25rem;
    }
    .heading {
      flex: 1;
      min-width: 0;
    }
    h2 {
      margin: 0;
      font-size: 1rem;
    }
    .caption {
      margin: 0.125rem 0 0;
      color: var(--text-muted);
      font-size: 0.8125rem;
    }
    @media (prefers-reduced-motion: reduce) {
      .icon-button[aria-busy='true'] svg {
        animation: none;
      }
    }
  `,
})
export class WidgetHeaderComponent {
  /** The widget's name: its heading is `<name>-title` (for aria-labelledby), its refresh button `<name>-refresh`. */
  readonly name = input.required<string>({ alias: 'cos-widget-header' });
  readonly heading = input.required<string>();
  readonly caption = input.required<string>();
  /** The refresh button's accessible name, e.g. "Refresh outcomes". */
  readonly refreshLabel = input.required<string>();
  /** The refresh button's tooltip; names the shortcut where there is one. */
  readonly refreshTitle = input('Refresh');
  /** Whether a refresh is under way (aria-busy: the button spins). */
  readonly busy = input(false);
  readonly refresh = output();

  protected readonly collapsible = inject(CollapsibleWidgetDirective, { optional: true }) !== null;
}
