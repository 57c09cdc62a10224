import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { GuardrailsStore } from '../../../core/execution/guardrails.store';
import { ShortcutService } from '../../../core/shortcuts/shortcut.service';
import { EmergencyStopDialogComponent } from '../execution/emergency-stop-dialog.component';
import { TodayMovesStore } from './today-moves.store';

@Component({
  selector: 'cos-quick-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmergencyStopDialogComponent],
  template: `
    <section class="card panel" aria-labelledby="quick-actions-title" data-testid="quick-actions">
      <h2 id="quick-actions-title">Quick actions</h2>
      <div class="buttons">
        <button type="button" class="button seed" data-testid="seed-demo" [disabled]="store.seeding()" (click)="store.seed()">
          {{ store.seeding() ? 'Seeding…' : 'Seed demo data' }}
        </button>
        <button type="button" class="button button--quiet" data-testid="quick-refresh" [attr.aria-busy]="store.refreshing()" (click)="store.refresh()">
          Refresh <kbd>r</kbd>
        </button>
        <button type="button" class="button button--quiet" data-testid="quick-shortcuts" (click)="shortcuts.overlayOpen.set(true)">
          Shortcuts <kbd>?</kbd>
        </button>
        <!-- Known only once the guardrails have loaded: until then neither action would be sure. -->
        @if (stopped()) {
          <button
            type="button"
            class="button button--quiet wide release"
            data-testid="emergency-release"
            [disabled]="guardrails.changingStop()"
            (click)="guardrails.setEmergencyStop(false)"
          >
            Release emergency stop
          </button>
        } @else {
          <button
            type="button"
            class="button button--quiet wide stop"
            data-testid="emergency-stop"
            [disabled]="stopped() === null || guardrails.changingStop()"
            (click)="stopDialog.open()"
          >
            Emergency stop
          </button>
        }
      </div>
      <p class="note">Demo data adds realistic moves for every domain; seeding again adds nothing twice.</p>
    </section>
    <cos-emergency-stop-dialog #stopDialog (confirmed)="guardrails.setEmergencyStop(true, $event)" />
  `,
  styles: `
    .panel {
      padding: 1.25rem;
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1rem;
    }
    .buttons {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0.5rem;
    }
    .seed,
    .wide {
      grid-column: 1 / -1;
    }
    .stop {
      border-color: color-mix(in srgb, var(--danger) 45%, var(--border));
      color: var(--danger);
    }
    .release {
      border-color: var(--danger);
      background: var(--danger);
      color: var(--accent-contrast);
    }
    .release:hover:not(:disabled) {
      background: var(--danger);
      filter: brightness(1.08);
    }
    kbd {
      min-width: 1.25rem;
      padding: 0 0.25rem;
      border-color: color-mix(in srgb, currentColor 30%, transparent);
      background: transparent;
      color: inherit;
    }
    .note {
      margin: 0.75rem 0 0;
      color: var(--text-muted);
      font-size: 0.8125rem;
    }
  `,
})
export class QuickActionsComponent {
  protected readonly store = inject(TodayMovesStore);
  protected readonly shortcuts = inject(ShortcutService);
  protected readonly guardrails = inject(GuardrailsStore);
  /** null until the guardrails are known. */
  protected readonly stopped = computed(() => this.guardrails.emergencyStop()?.active ?? null);
}
