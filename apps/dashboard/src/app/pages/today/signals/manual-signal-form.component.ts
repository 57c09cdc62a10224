import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, afterNextRender, inject, output, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { IngestResponse, ManualSignalKind, ManualSignalRequest, ProblemDetails } from '@caseyos/contracts';
import { describeHttpError } from '../../../core/http/http-error';
import { MANUAL_KIND_OPTIONS } from './signal-format';
import { SignalsApiService } from './signals-api.service';

type FieldErrors = Partial<Record<'note' | 'contact', string>>;

// The API's limits (ManualSignalDto), checked here first so a typo costs no round trip.
const NOTE_MAX = 2000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function problemErrors(err: unknown): FieldErrors | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 400) {
    return null;
  }
  const problem = err.error as Partial<ProblemDetails> | null;
  const errors: FieldErrors = {};
  for (const { field, messages } of problem?.errors ?? []) {
    const key = field === 'note' ? 'note' : 'contact';
    errors[key] = [errors[key], ...messages].filter(Boolean).join('; ');
  }
  return Object.keys(errors).length ? errors : null;
}

/** A note about a contact or an account, typed in by hand; some kinds also suggest a move. */
@Component({
  selector: 'cos-manual-signal-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // What the widget's add button controls (aria-controls); the form is created in code, without a template to set it.
  host: { id: 'manual-signal' },
  imports: [ReactiveFormsModule],
  templateUrl: './manual-signal-form.component.html',
  styleUrl: './manual-signal-form.component.css',
})
export class ManualSignalFormComponent {
  private readonly api = inject(SignalsApiService);
  private readonly destroyRef = inject(DestroyRef);

  readonly saved = output<IngestResponse>();
  readonly cancelled = output<void>();

  protected readonly kinds = MANUAL_KIND_OPTIONS;
  protected readonly noteMax = NOTE_MAX;
  protected readonly form = new FormGroup({
    kind: new FormControl<ManualSignalKind>('note', { nonNullable: true }),
    note: new FormControl('', { nonNullable: true }),
    contact_email: new FormControl('', { nonNullable: true }),
    contact_name: new FormControl('', { nonNullable: true }),
    company: new FormControl('', { nonNullable: true }),
  });
  protected readonly kind = toSignal(this.form.controls.kind.valueChanges, { initialValue: this.form.controls.kind.value });
  protected readonly submitting = signal(false);
  protected readonly errors = signal<FieldErrors>({});
  protected readonly failure = signal<string | null>(null);
  /** Errors show after the first attempt, then follow the typing. */
  private attempted = false;
  private readonly note = viewChild.required<ElementRef<HTMLTextAreaElement>>('note');

  constructor() {
    afterNextRender(() => this.note().nativeElement.focus());
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.attempted) {
        this.errors.set(this.validate());
      }
    });
  }

  protected hint(kind: ManualSignalKind): string {
    return this.kinds.find((option) => option.kind === kind)?.hint ?? '';
  }

  protected submit(): void {
    if (this.submitting()) {
      return;
    }
    this.attempted = true;
    const errors = this.validate();
    this.errors.set(errors);
    this.failure.set(null);
    if (Object.keys(errors).length) {
      return;
    }
    this.submitting.set(true);
    this.api
      .addManual(this.request())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          this.submitting.set(false);
          this.attempted = false;
          this.form.reset();
          this.errors.set({});
          this.saved.emit(response);
        },
        error: (err: unknown) => {
          this.submitting.set(false);
          const fieldErrors = problemErrors(err);
          if (fieldErrors) {
            this.errors.set(fieldErrors);
          } else {
            this.failure.set(describeHttpError(err));
          }
        },
      });
  }

  private validate(): FieldErrors {
    const { note, contact_email, company } = this.form.getRawValue();
    const errors: FieldErrors = {};
    if (!note.trim()) {
      errors.note = 'Write the note.';
    } else if (note.length > NOTE_MAX) {
      errors.note = `At most ${NOTE_MAX} characters.`;
    }
    const email = contact_email.trim();
    if (email && (!EMAIL.test(email) || email.length > 254)) {
      errors.contact = 'That email address does not look right.';
    } else if (!email && !company.trim()) {
      errors.contact = 'Give the contact’s email or the company.';
    }
    return errors;
  }

  private request(): ManualSignalRequest {
    const value = this.form.getRawValue();
    const optional = (text: string) => text.trim() || undefined;
    return {
      kind: value.kind,
      note: value.note.trim(),
      contact_email: optional(value.contact_email),
      contact_name: optional(value.contact_name),
      company: optional(value.company),
    };
  }
}
