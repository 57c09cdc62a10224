import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, viewChild } from '@angular/core';
import { ShortcutService } from './shortcut.service';

/** The `?` help: a native modal dialog, so focus trapping and Escape come from the browser. */
@Component({
  selector: 'cos-shortcut-overlay',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <!-- cancel (Escape, light dismiss) fires synchronously, so a key pressed right after closing
         already counts; close is queued as a task and only catches the remaining paths. -->
    <dialog
      #dialog
      class="modal overlay"
      closedby="any"
      aria-labelledby="shortcut-title"
      data-testid="shortcut-overlay"
      (cancel)="shortcuts.overlayOpen.set(false)"
      (close)="shortcuts.overlayOpen.set(false)"
    >
      <header class="overlay__header">
        <h2 id="shortcut-title">Keyboard shortcuts</h2>
        <button type="button" class="icon-button" aria-label="Close" (click)="shortcuts.overlayOpen.set(false)">×</button>
      </header>
      @for (group of shortcuts.groups(); track group.scope) {
        <section class="overlay__group">
          <h3>{{ group.scope }}</h3>
          <dl>
            @for (shortcut of group.shortcuts; track shortcut.key) {
              <div class="overlay__row" data-testid="shortcut-row">
                <dt>
                  <kbd>{{ shortcut.key }}</kbd>
                </dt>
                <dd>{{ shortcut.description }}</dd>
              </div>
            }
          </dl>
        </section>
      }
      <p class="overlay__hint">Press <kbd>Esc</kbd> to close.</p>
    </dialog>
  `,
  styles: `
    .overlay {
      width: min(28rem, calc(100vw - 2rem));
      max-height: calc(100dvh - 4rem);
    }
    .overlay__header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 0.5rem;
    }
    h2 {
      margin: 0;
      font-size: 1.125rem;
    }
    h3 {
      margin: 1rem 0 0.375rem;
      color: var(--text-muted);
      font-size: 0.75rem;
      font-weight: 600;
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }
    dl {
      margin: 0;
    }
    .overlay__row {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding: 0.375rem 0;
      border-bottom: 1px solid var(--border);
    }
    .overlay__row:last-child {
      border-bottom: 0;
    }
    dt {
      min-width: 2.25rem;
    }
    dd {
      margin: 0;
    }
    .overlay__hint {
      margin: 1rem 0 0;
      color: var(--text-muted);
      font-size: 0.875rem;
    }
  `,
})
export class ShortcutOverlayComponent {
  protected readonly shortcuts = inject(ShortcutService);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    effect(() => {
      const dialog = this.dialog().nativeElement;
      if (this.shortcuts.overlayOpen() && !dialog.open) {
        dialog.showModal();
      } else if (!this.shortcuts.overlayOpen() && dialog.open) {
        dialog.close();
      }
    });
  }
}
