import { ChangeDetectionStrategy, Component, ElementRef, computed, output, signal, viewChild } from '@angular/core';
import { ExecutionView } from '@caseyos/contracts';
import { ModalDialog } from '../../../shared/ui/modal-dialog';
import { OBJECT_LABELS } from './execution-format';

/** "Are you sure?" before an execution is undone: it names what will be deleted. */
@Component({
  selector: 'cos-rollback-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      class="modal dialog"
      aria-labelledby="rollback-title"
      aria-describedby="rollback-what"
      data-testid="rollback-dialog"
      (keydown.escape)="$event.preventDefault(); close()"
    >
      <form (submit)="submit($event)">
        <h2 id="rollback-title">Roll back this execution?</h2>
        <p class="subject">{{ execution()?.title }}</p>
        <div id="rollback-what">
          @if (removed().length) {
            <p class="what">This deletes what it made:</p>
            <ul class="objects">
              @for (name of removed(); track $index) {
                <li>{{ name }}</li>
              }
            </ul>
          }
          <p class="what">The move is marked rolled back; nothing is sent.</p>
        </div>
        <div class="footer">
          <button type="button" class="button button--quiet" (click)="close()">Cancel <kbd>Esc</kbd></button>
          <button type="submit" class="button button--danger" autofocus data-testid="rollback-confirm">Roll back <kbd>↵</kbd></button>
        </div>
      </form>
    </dialog>
  `,
  styleUrls: ['../../../shared/ui/dialog.css'],
  styles: `
    .what {
      margin: 0 0 0.5rem;
    }
    .objects {
      margin: 0 0 0.75rem;
      padding-left: 1.25rem;
    }
    .button--danger {
      background: var(--danger);
      color: var(--accent-contrast);
    }
  `,
})
export class RollbackDialogComponent {
  readonly confirmed = output<ExecutionView>();

  protected readonly execution = signal<ExecutionView | null>(null);
  protected readonly removed = computed(() => (this.execution()?.result?.objects ?? []).map((object) => OBJECT_LABELS[object.kind].name));
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly modal = new ModalDialog(this.dialog);

  open(execution: ExecutionView): void {
    this.execution.set(execution);
    this.modal.open();
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const execution = this.execution();
    if (execution) {
      this.confirmed.emit(execution);
    }
    this.close();
  }

  protected close(): void {
    this.modal.close();
  }
}
