import { ChangeDetectionStrategy, Component, ElementRef, output, signal, viewChild } from '@angular/core';
import { CommandQueueMove } from '@caseyos/contracts';
import { ModalDialog } from '../../../shared/ui/modal-dialog';

interface SnoozeChoice {
  label: string;
  until: Date;
}

const HOUR_MS = 3_600_000;
const MORNING_HOUR = 9;

function atMorning(daysAhead: number, from: Date): Date {
  const date = new Date(from);
  date.setDate(date.getDate() + daysAhead);
  date.setHours(MORNING_HOUR, 0, 0, 0);
  return date;
}

/** The usual answers to "not now": later today, tomorrow morning, next Monday morning. */
function snoozeChoices(now: Date): SnoozeChoice[] {
  const daysToMonday = (8 - now.getDay()) % 7 || 7;
  return [
    { label: 'In 1 hour', until: new Date(now.getTime() + HOUR_MS) },
    { label: 'Tomorrow morning', until: atMorning(1, now) },
    { label: 'Next week', until: atMorning(daysToMonday, now) },
  ];
}

/** `<input type="datetime-local">` speaks local time without a zone. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const WHEN = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' });

/** Picks when a snoozed move comes back: a number key or click for the usual times, or any time. */
@Component({
  selector: 'cos-snooze-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog
      #dialog
      class="modal dialog"
      aria-labelledby="snooze-title"
      data-testid="snooze-dialog"
      (keydown)="pickByKey($event)"
      (keydown.escape)="$event.preventDefault(); close()"
    >
      <h2 id="snooze-title">Snooze until…</h2>
      <p class="subject">{{ move()?.title }}</p>
      <div class="choices">
        @for (choice of choices(); track choice.label; let i = $index) {
          <button type="button" class="choice" data-testid="snooze-choice" (click)="confirm(choice.until)">
            <kbd>{{ i + 1 }}</kbd>
            <span class="choice__label">{{ choice.label }}</span>
            <span class="choice__when">{{ when(choice.until) }}</span>
          </button>
        }
      </div>
      <form (submit)="submitCustom($event, field.value)" novalidate>
        <label for="snooze-until">Or pick a time</label>
        <div class="custom">
          <input
            #field
            id="snooze-until"
            type="datetime-local"
            data-testid="snooze-until"
            [min]="minLocal()"
            [attr.aria-invalid]="error() ? true : null"
            [attr.aria-describedby]="error() ? 'snooze-error' : null"
            (input)="error.set(null)"
          />
          <button type="submit" class="button">Snooze</button>
        </div>
        @if (error(); as message) {
          <p id="snooze-error" class="error" role="alert">{{ message }}</p>
        }
      </form>
      <div class="footer">
        <button type="button" class="button button--quiet" (click)="close()">Cancel <kbd>Esc</kbd></button>
      </div>
    </dialog>
  `,
  styleUrls: ['../../../shared/ui/dialog.css'],
  styles: `
    .choices {
      display: grid;
      gap: 0.375rem;
      margin-bottom: 1rem;
    }
    .choice {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: var(--surface);
      color: var(--text);
      font: inherit;
      text-align: left;
      cursor: pointer;
    }
    .choice:hover,
    .choice:focus-visible {
      background: var(--surface-2);
    }
    .choice__label {
      flex: 1;
      font-weight: 600;
    }
    .choice__when {
      color: var(--text-muted);
      font-size: 0.875rem;
    }
    .custom {
      display: flex;
      gap: 0.5rem;
    }
    .custom input {
      flex: 1;
      min-width: 0;
    }
  `,
})
export class SnoozeDialogComponent {
  readonly confirmed = output<{ move: CommandQueueMove; until: Date }>();

  protected readonly move = signal<CommandQueueMove | null>(null);
  protected readonly choices = signal<SnoozeChoice[]>([]);
  protected readonly minLocal = signal('');
  protected readonly error = signal<string | null>(null);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly modal = new ModalDialog(this.dialog);
  private readonly field = viewChild.required<ElementRef<HTMLInputElement>>('field');

  /** Opened imperatively and kept, like the dismiss dialog; the choices are reckoned from now. */
  open(move: CommandQueueMove): void {
    const now = new Date();
    this.move.set(move);
    this.choices.set(snoozeChoices(now));
    this.minLocal.set(toLocalInput(now));
    this.error.set(null);
    this.field().nativeElement.value = '';
    this.modal.open();
  }

  protected when(date: Date): string {
    return WHEN.format(date);
  }

  protected pickByKey(event: KeyboardEvent): void {
    if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const choice = this.choices()[Number(event.key) - 1];
    if (choice) {
      event.preventDefault();
      this.confirm(choice.until);
    }
  }

  protected submitCustom(event: Event, value: string): void {
    event.preventDefault();
    const until = value ? new Date(value) : null;
    if (!until || Number.isNaN(until.getTime())) {
      this.error.set('Pick a date and time.');
    } else if (until.getTime() <= Date.now()) {
      this.error.set('Pick a time in the future.');
    } else {
      this.confirm(until);
    }
  }

  protected confirm(until: Date): void {
    const move = this.move();
    if (move) {
      this.confirmed.emit({ move, until });
    }
    this.close();
  }

  protected close(): void {
    this.modal.close();
  }
}
