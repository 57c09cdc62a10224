import { ChangeDetectionStrategy, Component, Directive, computed, inject, input } from '@angular/core';
import { StoredFlag } from '../data/stored-flag';

/**
 * Makes a widget (`<section>` with a `<header>`) collapsible down to its header; each widget's
 * state is remembered in this browser (localStorage `caseyos.widget.<name>.collapsed`). The
 * global stylesheet hides everything but the header while `data-collapsed` is true. The widget
 * keeps loading and following the live stream while collapsed, so it is current when opened.
 */
@Directive({
  selector: '[cosCollapsibleWidget]',
  host: { '[attr.data-collapsed]': 'collapsed()' },
})
export class CollapsibleWidgetDirective {
  /** The widget's name in storage keys and test ids: `signals`, `jobs`, … */
  readonly name = input.required<string>({ alias: 'cosCollapsibleWidget' });

  private readonly flag = computed(() => new StoredFlag(`caseyos.widget.${this.name()}.collapsed`));
  readonly collapsed = computed(() => this.flag().value());

  toggle(): void {
    this.flag().set(!this.collapsed());
  }
}

/** The header button that collapses or expands the widget it sits in. */
@Component({
  selector: 'cos-collapse-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="icon-button collapse-toggle"
      [attr.aria-expanded]="!widget.collapsed()"
      [attr.aria-label]="(widget.collapsed() ? 'Expand ' : 'Collapse ') + label()"
      [attr.title]="widget.collapsed() ? 'Expand' : 'Collapse'"
      [attr.data-testid]="widget.name() + '-collapse'"
      (click)="widget.toggle()"
    >
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="m6 9 6 6 6-6" /></svg>
    </button>
  `,
})
export class CollapseToggleComponent {
  protected readonly widget = inject(CollapsibleWidgetDirective);
  /** The widget's title, for the button's accessible name. */
  readonly label = input.required<string>();
}
