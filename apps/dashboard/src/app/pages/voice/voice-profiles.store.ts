import { Injectable, computed, inject, linkedSignal, signal, untracked } from '@angular/core';
import { DraftPreview, VOICE_PREVIEW_SAMPLES, VoicePreviewRequest, VoicePreviewSample, VoiceProfile } from '@caseyos/contracts';
import { Observable, forkJoin, of } from 'rxjs';
import { ToastService } from '../../core/toast/toast.service';
import { RefreshedResource } from '../../shared/data/refreshed-resource';
import { VoiceForm, changesOf, emptyForm, formOf, inputOf, refusalOf } from './voice-form';
import { VoiceProfilesApiService } from './voice-profiles-api.service';

/** A profile's draft beside the default profile's for the same move: how the voice changes it. */
export interface VoiceComparison {
  mine: DraftPreview;
  /** Null when the profile previewed is the default itself. */
  baseline: DraftPreview | null;
  baselineName: string | null;
}

export type PreviewState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; comparison: VoiceComparison } | { status: 'error'; message: string };

/** The preview's "Draft for" choices that are not moves: the built-in samples, as the select names them. */
export const SAMPLE_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'sample:demo_request', label: 'A sample demo request' },
  { value: 'sample:reply', label: 'A sample reply from a prospect' },
];

/** The preview request for a "Draft for" choice: a built-in sample (`sample:<name>`), else a move's id. */
export function previewTargetOf(choice: string): VoicePreviewRequest {
  const sample = choice.startsWith('sample:') ? choice.slice('sample:'.length) : null;
  if (sample !== null) return (VOICE_PREVIEW_SAMPLES as readonly string[]).includes(sample) ? { sample: sample as VoicePreviewSample } : {};
  return choice ? { move_id: choice } : {};
}

/** The voice profiles page: the list, the one being edited (or a new one), its writes and its preview. */
@Injectable()
export class VoiceProfilesStore {
  private readonly api = inject(VoiceProfilesApiService);
  private readonly toast = inject(ToastService);

  private readonly list = signal<VoiceProfile[]>([]);
  private readonly resource = new RefreshedResource<{ items: VoiceProfile[] }>({
    load: () => this.api.list(),
    loaded: ({ items }) => this.list.set(items),
    what: 'the voice profiles',
  });
  readonly state = this.resource.state;
  /** The default first, then by name, as the API lists them. */
  readonly profiles = this.list.asReadonly();
  readonly selectedId = signal<string | null>(null);
  readonly selected = computed(() => this.profiles().find((profile) => profile.id === this.selectedId()) ?? null);
  /**
   * What the form shows, started afresh only when another profile (or a new one) is selected:
   * the list is read again after every write, and that must not wipe what is being typed.
   */
  readonly form = linkedSignal<string | null, VoiceForm>({
    source: this.selectedId,
    computation: () =>
      untracked(() => {
        const selected = this.selected();
        return selected ? formOf(selected) : emptyForm();
      }),
  });
  readonly saving = signal(false);
  /** Why the last write was refused, in the API's words. */
  readonly refusal = signal<string | null>(null);
  readonly preview = signal<PreviewState>({ status: 'idle' });
  /** Bumped by each preview asked for and each selection: only the latest request's answer lands. */
  private previewRun = 0;

  constructor() {
    this.resource.reload('initial');
  }

  reload(): void {
    this.resource.startOver();
  }

  select(id: string | null): void {
    this.selectedId.set(id);
    this.refusal.set(null);
    this.previewRun += 1;
    this.preview.set({ status: 'idle' });
  }

  /** Creates the profile, or saves what changed of the selected one. */
  save(form: VoiceForm): void {
    const selected = this.selected();
    const changes = selected ? changesOf(selected, form) : inputOf(form);
    if (!changes) return;
    const request = selected ? this.api.update(selected.id, changes) : this.api.create(inputOf(form));
    this.write(request, (saved) => `Voice profile “${saved.name}” ${selected ? 'saved' : 'created'}.`);
  }

  makeDefault(profile: VoiceProfile): void {
    this.write(
      this.api.update(profile.id, { is_default: true }),
      (saved) => `“${saved.name}” now drafts for every domain without a profile of its own.`,
      // The form outlives the write: its box must agree, or the next save would send the default away again.
      () => this.form.update((form) => ({ ...form, is_default: true })),
    );
  }

  /** The default is refused by the API (make another one the default first): its reason is shown. */
  remove(profile: VoiceProfile): void {
    this.saving.set(true);
    this.refusal.set(null);
    this.api.remove(profile.id).subscribe({
      next: () => {
        this.saving.set(false);
        this.list.update((list) => list.filter((p) => p.id !== profile.id));
        this.select(null);
        this.toast.success(`Voice profile “${profile.name}” deleted.`);
      },
      error: (err: unknown) => this.refused(err),
    });
  }

  /** The selected profile's draft for the move or the sample, beside the default profile's. */
  runPreview(target: VoicePreviewRequest): void {
    const mine = this.selected();
    if (!mine) return;
    const baseline = mine.is_default ? null : (this.profiles().find((profile) => profile.is_default) ?? null);
    const run = (this.previewRun += 1);
    this.preview.set({ status: 'loading' });
    forkJoin({ mine: this.api.preview(mine.id, target), baseline: baseline ? this.api.preview(baseline.id, target) : of(null) }).subscribe({
      next: (answer) => {
        if (run === this.previewRun) this.preview.set({ status: 'ready', comparison: { ...answer, baselineName: baseline?.name ?? null } });
      },
      error: (err: unknown) => {
        if (run === this.previewRun) this.preview.set({ status: 'error', message: refusalOf(err) });
      },
    });
  }

  private write(request: Observable<VoiceProfile>, success: (saved: VoiceProfile) => string, written?: () => void): void {
    this.saving.set(true);
    this.refusal.set(null);
    request.subscribe({
      next: (saved) => {
        this.saving.set(false);
        // A new default unsets the old one: the list is read again for that, the saved one shown at once.
        this.list.update((list) => [...list.filter((p) => p.id !== saved.id), saved]);
        this.select(saved.id);
        written?.();
        this.resource.reload('manual');
        this.toast.success(success(saved));
      },
      error: (err: unknown) => this.refused(err),
    });
  }

  private refused(err: unknown): void {
    this.saving.set(false);
    this.refusal.set(refusalOf(err));
  }
}
