import { ChangeDetectionStrategy, Component, ElementRef, output, signal, viewChild } from '@angular/core';
import { CommandQueueMove } from '@caseyos/contracts';
import { ModalDialog } from '../../../shared/ui/modal-dialog';

const MAX_REASON = 500;
// One click for the usual answers; the text stays editable.
const PRESETS = ['Not relevant', 'Already handled', 'Wrong contact'] as const;

/** Asks why a move is dismissed: the reason is kept, and later teaches the scoring what to skip. */
@Component({
  selector: 'cos-dismiss-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <!-- Escape cancels; Enter in the field submits the form. -->
    <dialog #dialog class="modal dialog" aria-labelledby="dismiss-title" data-testid="dismiss-dialog" (keydown.escape)="$event.preventDefault(); close()">
      <form (submit)="submit($event)" novalidate>
        <h2 id="dismiss-title">Dismiss this move</h2>
        <p class="subject">{{ move()?.title }}</p>
        <label for="dismiss-reason">Reason</label>
        <input
          #field
          id="dismiss-reason"
          type="text"
          autocomplete="off"
          autofocus
          data-testid="dismiss-reason"
          [attr.maxlength]="maxReason"
          [attr.aria-invalid]="error() ? true : null"
          [attr.aria-describedby]="error() ? 'dismiss-error' : null"
          [value]="reason()"
          (input)="reason.set(field.value); error.set(null)"
        />
        <div class="presets">
          @for (preset of presets; track preset) {
            <button type="button" class="preset" (click)="reason.set(preset); error.set(null); field.focus()">{{ preset }}</button>
          }
        </div>
        @if (error(); as message) {
          <p id="dismiss-error" class="error" role="alert">{{ message }}</p>
        }
        <div class="footer">
          <button type="button" class="button button--quiet" (click)="close()">Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="button" data-testid="dismiss-confirm">Dismiss <kbd>↵</kbd></button>
        </div>
      </form>
    </dialog>
  `,
  styleUrls: ['../../../shared/ui/dialog.css'],
  styles: `
    .presets {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin-top: 0.625rem;
    }
    .preset {
      padding: 0.125rem 0.625rem;
      border: 1px solid var(--border);
      border-radius: 999px;
      background: var(--surface);
      color: var(--text-muted);
      font: inherit;
      font-size: 0.8125rem;
      cursor: pointer;
    }
    .preset:hover {
      background: var(--surface-2);
      color: var(--text);
    }
  `,
})
export class DismissDialogComponent {
  readonly confirmed = output<{ move: CommandQueueMove; reason: string }>();

  protected readonly move = signal<CommandQueueMove | null>(null);
  protected readonly maxReason = MAX_REASON;
  protected readonly presets = PRESETS;
  protected readonly reason = signal('');
  protected readonly error = signal<string | null>(null);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly modal = new ModalDialog(this.dialog);

  // Opened imperatively and kept in the page: open() starts it afresh, so `d` pressed straight
  // after Escape gets a new dialog at once instead of racing one on its way out.
  open(move: CommandQueueMove): void {
    this.move.set(move);
    this.reason.set('');
    this.error.set(null);
    this.modal.open();
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const move = this.move();
    const reason = this.reason().trim();
    if (!reason) {
      this.error.set('Say why, in a few words.');
      return;
    }
    if (move) {
      this.confirmed.emit({ move, reason: reason.slice(0, MAX_REASON) });
    }
    this.close();
  }

  protected close(): void {
    this.modal.close();
  }
}
