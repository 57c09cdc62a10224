import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ContactTimelineResponse } from '@caseyos/contracts';
import { Subscription } from 'rxjs';
import { describeHttpError, requestIdOf } from '../../../core/http/http-error';
import { relativeTime } from '../../../shared/time/relative-time';
import { ErrorStateComponent } from '../../../shared/ui/error-state.component';
import { LoadingSkeletonComponent } from '../../../shared/ui/loading-skeleton.component';
import { closeModal } from '../moves/close-modal';
import { OutcomesApiService } from '../outcomes/outcomes-api.service';
import { ContactRef } from './contact-ref';
import { TIMELINE_KIND_LABELS, timelineKey, timelineLine } from './timeline-format';

type TimelineState = { status: 'loading' } | { status: 'ready'; timeline: ContactTimelineResponse } | { status: 'error'; message: string; requestId?: string };

const AT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Everything that happened with one contact, newest first: signals, moves, executions, outcomes. */
@Component({
  selector: 'cos-contact-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSkeletonComponent, ErrorStateComponent],
  templateUrl: './contact-timeline.component.html',
  styleUrls: ['../moves/dialog.css', './contact-timeline.component.css'],
})
export class ContactTimelineComponent {
  private readonly api = inject(OutcomesApiService);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly contact = signal<ContactRef | null>(null);
  protected readonly state = signal<TimelineState>({ status: 'loading' });
  protected readonly kindLabels = TIMELINE_KIND_LABELS;
  private readonly now = signal(Date.now());
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private loading?: Subscription;

  protected readonly entries = computed(() => {
    const state = this.state();
    const now = this.now();
    return state.status === 'ready'
      ? state.timeline.entries.map((entry) => ({
          entry,
          key: timelineKey(entry),
          ...timelineLine(entry),
          ago: relativeTime(entry.at, now),
          at: AT.format(new Date(entry.at)),
        }))
      : [];
  });

  // Opened imperatively and kept in the page, like the dismiss dialog: `c` right after Escape
  // opens a fresh one at once.
  open(contact: ContactRef): void {
    this.contact.set(contact);
    this.dialog().nativeElement.showModal();
    this.load();
  }

  protected load(): void {
    const contact = this.contact();
    if (!contact) {
      return;
    }
    this.loading?.unsubscribe();
    this.state.set({ status: 'loading' });
    this.loading = this.api
      .timeline(contact.email)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (timeline) => {
          this.now.set(Date.now());
          this.state.set({ status: 'ready', timeline });
        },
        error: (err: unknown) => this.state.set({ status: 'error', message: describeHttpError(err), requestId: requestIdOf(err) }),
      });
  }

  protected close(): void {
    this.loading?.unsubscribe();
    closeModal(this.dialog().nativeElement);
  }
}
