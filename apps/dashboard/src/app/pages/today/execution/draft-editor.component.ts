import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import type { DraftProvenance } from '@caseyos/contracts';
import { EditableDraft, EditorField, RepurposeSource, VariantDraft, fromLocalInput, problemField, toLocalInput } from './draft-edit';

const WRITER_LABELS: Record<DraftProvenance['writer'], string> = { template: 'Template writer', llm: 'Language model' };

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
  protected readonly toLocalInput = toLocalInput;
  protected readonly agendaText = computed(() => {
    const draft = this.draft();
    return draft.kind === 'meeting' ? draft.agenda.join('\n') : '';
  });

  protected set(field: 'subject' | 'body' | 'title' | 'slot_start' | 'due_at', value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value }));
  }

  protected setTime(field: 'slot_start' | 'due_at', value: string): void {
    this.set(field, fromLocalInput(value));
  }

  protected setAgenda(value: string): void {
    this.draft.update((draft) => (draft.kind === 'meeting' ? { ...draft, agenda: value.split('\n') } : draft));
  }

  protected setVariant(channel: string, body: string): void {
    this.draft.update((draft) =>
      draft.kind === 'asset' ? { ...draft, variants: draft.variants.map((v): VariantDraft => (v.channel === channel ? { ...v, body } : v)) } : draft,
    );
  }

  protected invalid(field: EditorField): true | null {
    return this.invalidFields().has(field) ? true : null;
  }

  /** The problems list, for a field a problem names. */
  protected describedBy(field: EditorField): string | null {
    return this.invalidFields().has(field) ? 'draft-problems' : null;
  }

  protected variantField(channel: string): EditorField {
    return `variant:${channel}`;
  }

  protected left(text: string, max: number | null): string {
    return max === null ? `${text.length} characters` : `${text.length}/${max}`;
  }
}
