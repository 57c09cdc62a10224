import { ChangeDetectionStrategy, Component, ElementRef, output, signal, viewChild } from '@angular/core';
import { ModalDialog } from '../ui/modal-dialog';

const MAX_REASON = 500;

/** Asks why before every execution is stopped: the banner shows the reason to everyone. */
@Component({
  selector: 'cos-emergency-stop-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      class="modal dialog"
      aria-labelledby="emergency-title"
      aria-describedby="emergency-what"
      data-testid="emergency-dialog"
      (keydown.escape)="$event.preventDefault(); close()"
    >
      <form (submit)="submit($event)" novalidate>
        <h2 id="emergency-title">Stop all executions</h2>
        <p id="emergency-what" class="subject">Until released, every execute is refused and queued ones wait. Moves stay in the queue.</p>
        <label for="emergency-reason">Reason</label>
        <input
          #field
          id="emergency-reason"
          type="text"
          autocomplete="off"
          autofocus
          data-testid="emergency-reason-input"
          [attr.maxlength]="maxReason"
          [attr.aria-invalid]="error() ? true : null"
          [attr.aria-describedby]="error() ? 'emergency-error' : null"
          [value]="reason()"
          (input)="reason.set(field.value); error.set(null)"
        />
        @if (error(); as message) {
          <p id="emergency-error" class="error" role="alert">{{ message }}</p>
        }
        <div class="footer">
          <button type="button" class="button button--quiet" (click)="close()">Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="button stop" data-testid="emergency-confirm">Stop executions <kbd>↵</kbd></button>
        </div>
      </form>
    </dialog>
  `,
  styleUrls: ['../ui/dialog.css'],
  styles: `
    .stop {
      background: var(--danger);
      color: var(--accent-contrast);
    }
  `,
})
export class EmergencyStopDialogComponent {
  readonly confirmed = output<string>();

  protected readonly maxReason = MAX_REASON;
  protected readonly reason = signal('');
  protected readonly error = signal<string | null>(null);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly modal = new ModalDialog(this.dialog);

  open(): void {
    this.reason.set('');
    this.error.set(null);
    this.modal.open();
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const reason = this.reason().trim();
    if (!reason) {
      this.error.set('Say why, so whoever sees the banner knows.');
      return;
    }
    this.confirmed.emit(reason.slice(0, MAX_REASON));
    this.close();
  }

  protected close(): void {
    this.modal.close();
  }
}
