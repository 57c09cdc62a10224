import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, linkedSignal, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CommandQueueMove, DOMAINS, LENGTH_PREFERENCES, VoiceProfile } from '@caseyos/contracts';
import { DOMAIN_LABELS } from '../../core/domain/domain-filter.service';
import { ACTION_LABELS } from '../../shared/format/action-labels';
import { LoadStateComponent } from '../../shared/ui/load-state.component';
import { QueueApiService } from '../today/moves/queue-api.service';
import { EXAMPLE_SEPARATOR, VoiceForm } from './voice-form';
import { SAMPLE_CHOICES, VoiceProfilesStore, previewTargetOf } from './voice-profiles.store';

/**
 * How drafts sound: the voice profiles (one default, one per domain at most), edited in place,
 * and a preview of the draft a profile writes for a sample or a chosen move beside the default's.
 */
@Component({
  selector: 'cos-voice-profiles',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent],
  providers: [VoiceProfilesStore],
  templateUrl: './voice-profiles.component.html',
  styleUrl: './voice-profiles.component.css',
})
export class VoiceProfilesComponent {
  protected readonly store = inject(VoiceProfilesStore);
  private readonly queue = inject(QueueApiService);

  protected readonly form = this.store.form;
  /** Disarmed whenever another profile is selected. */
  protected readonly confirmingDelete = linkedSignal({ source: this.store.selectedId, computation: () => false });
  protected readonly moves = signal<CommandQueueMove[]>([]);
  protected readonly previewMove = signal<string>(SAMPLE_CHOICES[0].value);
  protected readonly sampleChoices = SAMPLE_CHOICES;
  protected readonly domains = DOMAINS;
  protected readonly domainLabels = DOMAIN_LABELS;
  protected readonly lengths = LENGTH_PREFERENCES;
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly separator = EXAMPLE_SEPARATOR;
  /** Domains another profile already drafts for: the API refuses a second. */
  protected readonly takenDomains = computed(
    () => new Set(this.store.profiles().flatMap((p) => (p.domain && p.id !== this.store.selectedId() ? [p.domain] : []))),
  );

  constructor() {
    // Today's open moves, to preview a profile against a real one.
    this.queue
      .today(null)
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe({ next: ({ today_moves }) => this.moves.set(today_moves), error: () => this.moves.set([]) });
  }

  protected update<K extends keyof VoiceForm>(field: K, value: VoiceForm[K]): void {
    this.form.update((form) => ({ ...form, [field]: value }));
    this.store.refusal.set(null);
  }

  protected edit(profile: VoiceProfile | null): void {
    this.store.select(profile?.id ?? null);
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (!this.store.saving()) this.store.save(this.form());
  }

  /** Ctrl/Cmd+Enter saves from any field. */
  protected keydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) this.save(event);
  }

  protected remove(profile: VoiceProfile): void {
    if (!this.confirmingDelete()) {
      this.confirmingDelete.set(true);
      return;
    }
    this.confirmingDelete.set(false);
    this.store.remove(profile);
  }

  protected preview(): void {
    this.store.runPreview(previewTargetOf(this.previewMove()));
  }

  protected asDomain(value: string): VoiceForm['domain'] {
    return this.domains.find((d) => d === value) ?? '';
  }

  protected asLength(value: string): VoiceForm['length'] {
    return this.lengths.find((l) => l === value) ?? 'medium';
  }
}
