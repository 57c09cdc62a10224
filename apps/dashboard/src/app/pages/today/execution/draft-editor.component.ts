import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import type { DraftProvenance } from '@caseyos/contracts';
import { EditableDraft, EditorField, RepurposeSource, problemField, toLocalInput, withFieldValue } from './draft-edit';

const WRITER_LABELS: Record<DraftProvenance['writer'], string> = { template: 'Template writer', llm: 'Language model' };

/** One labelled control of the editor and the draft field it edits. */
type DraftInput = {
  readonly field: EditorField;
  readonly id: string;
  readonly testId: string;
  readonly label: string;
  /** Quieter, after the label: how to type it, or the characters used. */
  readonly hint: string | null;
  /** As the control shows it (a time in the browser's zone, the agenda an item a line). */
  readonly value: string;
  /** A variant's channel, for `data-channel`. */
  readonly channel: string | null;
} & ({ readonly control: 'text' | 'datetime-local' } | { readonly control: 'textarea'; readonly rows: number });

const labelled = (field: EditorField, id: string, label: string, value: string) => ({ field, id, testId: id, label, hint: null, value, channel: null });
const textInput = (field: EditorField, id: string, label: string, value: string): DraftInput => ({ ...labelled(field, id, label, value), control: 'text' });
const timeInput = (field: EditorField, id: string, label: string, iso: string): DraftInput => ({
  ...labelled(field, id, label, toLocalInput(iso)),
  control: 'datetime-local',
});
const textarea = (field: EditorField, id: string, label: string, value: string, shape: { rows: number; hint?: string }): DraftInput => ({
  ...labelled(field, id, label, value),
  hint: shape.hint ?? null,
  control: 'textarea',
  rows: shape.rows,
});

/** How much of its limit a text uses, or its length where there is none. */
function lengthHint(text: string, max: number | null): string {
  return max === null ? `${text.length} characters` : `${text.length}/${max}`;
}

/**
 * The draft of the execute dialog, editable: an email's subject and text, a meeting's slot and
 * agenda, a task's subject and due date, an asset's title, text and channel variants. Plain
 * inputs bound to one signal (no forms library), so the dialog stays light.
 */
@Component({
  selector: 'cos-draft-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './draft-editor.component.html',
  styleUrl: './draft-editor.component.css',
})
export class DraftEditorComponent {
  readonly draft = model.required<EditableDraft>();
  readonly provenance = input<DraftProvenance | undefined>(undefined);
  /** content_repurpose: the source, shown beside the variants. */
  readonly source = input<RepurposeSource | null>(null);
  /** Why the edited draft cannot go (local checks, or the API's refusal). */
  readonly problems = input<string[]>([]);
  /** True while a dry run of the latest edit is on its way. */
  readonly checking = input(false);
  /** True while the draft went out with an execute whose outcome is not known yet: it stays as sent. */
  readonly locked = input(false);

  protected readonly writerLabels = WRITER_LABELS;
  /** The fields the problems name: marked invalid, and described by the problems list. */
  private readonly invalidFields = computed(() => new Set(this.problems().map(problemField)));
  /** The draft's fields, as the template lays each out: label, then input or textarea. */
  protected readonly inputs = computed((): DraftInput[] => {
    const draft = this.draft();
    switch (draft.kind) {
      case 'email':
        return [textInput('subject', 'draft-subject', 'Subject', draft.subject), textarea('body', 'draft-body', 'Message', draft.body, { rows: 9 })];
      case 'meeting':
        return [
          timeInput('slot_start', 'draft-slot', 'Starts', draft.slot_start),
          textarea('agenda', 'draft-agenda', 'Agenda', draft.agenda.join('\n'), { rows: 5, hint: '(one item a line)' }),
        ];
      case 'task':
        return [textInput('subject', 'draft-subject', 'Subject', draft.subject), timeInput('due_at', 'draft-due', 'Due', draft.due_at)];
      case 'asset':
        return [
          { ...textInput('title', 'draft-title-input', 'Title', draft.title), testId: 'draft-asset-title' },
          textarea('body', 'draft-body', 'Text', draft.body, { rows: 8, hint: lengthHint(draft.body, draft.max_length) }),
          ...draft.variants.map((v): DraftInput => ({
            ...textarea(`variant:${v.channel}`, `draft-variant-${v.channel}`, `${v.channel} post`, v.body, { rows: 4, hint: lengthHint(v.body, v.max_length) }),
            testId: 'draft-variant',
            channel: v.channel,
          })),
        ];
    }
  });

  protected edit(field: EditorField, value: string): void {
    this.draft.update((draft) => withFieldValue(draft, field, value));
  }

  protected invalid(field: EditorField): true | null {
    return this.invalidFields().has(field) ? true : null;
  }

  /** The problems list, for a field a problem names. */
  protected describedBy(field: EditorField): string | null {
    return this.invalidFields().has(field) ? 'draft-problems' : null;
  }
}
