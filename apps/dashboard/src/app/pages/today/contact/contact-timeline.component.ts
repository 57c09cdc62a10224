import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { ContactTimelineResponse } from '@caseyos/contracts';
import { EMPTY } from 'rxjs';
import { RefreshedResource } from '../../../shared/data/refreshed-resource';
import { relativeTime } from '../../../shared/time/relative-time';
import { LoadStateComponent } from '../../../shared/ui/load-state.component';
import { ModalDialog } from '../../../shared/ui/modal-dialog';
import { OutcomesApiService } from '../outcomes/outcomes-api.service';
import { ContactRef } from './contact-ref';
import { TIMELINE_KIND_LABELS, timelineKey, timelineLine } from './timeline-format';

const AT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Everything that happened with one contact, newest first: signals, moves, executions, outcomes. */
@Component({
  selector: 'cos-contact-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent],
  templateUrl: './contact-timeline.component.html',
  styleUrls: ['../../../shared/ui/dialog.css', './contact-timeline.component.css'],
})
export class ContactTimelineComponent {
  private readonly api = inject(OutcomesApiService);

  protected readonly contact = signal<ContactRef | null>(null);
  protected readonly kindLabels = TIMELINE_KIND_LABELS;
  private readonly now = signal(Date.now());
  private readonly timeline = new RefreshedResource<ContactTimelineResponse>({
    load: () => {
      const contact = this.contact();
      return contact ? this.api.timeline(contact.email) : EMPTY;
    },
    settled: () => this.now.set(Date.now()),
    what: "the contact's timeline",
  });
  protected readonly state = this.timeline.state;
  protected readonly value = this.timeline.value;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly modal = new ModalDialog(this.dialog);

  protected readonly entries = computed(() => {
    const now = this.now();
    return (this.value()?.entries ?? []).map((entry) => ({
      entry,
      key: timelineKey(entry),
      ...timelineLine(entry),
      ago: relativeTime(entry.at, now),
      at: AT.format(new Date(entry.at)),
    }));
  });

  // Opened imperatively and kept in the page, like the dismiss dialog: `c` right after Escape
  // opens a fresh one at once.
  open(contact: ContactRef): void {
    this.contact.set(contact);
    this.modal.open();
    this.timeline.startOver();
  }

  protected retry(): void {
    this.timeline.startOver();
  }

  protected close(): void {
    this.modal.close();
  }
}
