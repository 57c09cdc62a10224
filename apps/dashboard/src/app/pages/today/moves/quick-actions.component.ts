import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ShortcutService } from '../../../core/shortcuts/shortcut.service';
import { EmergencyStopControlComponent } from '../../../shared/operations/emergency-stop-control.component';
import { TodayMovesStore } from './today-moves.store';

@Component({
  selector: 'cos-quick-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmergencyStopControlComponent],
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
        <cos-emergency-stop-control class="wide" />
      </div>
      <p class="note">Demo data adds realistic moves for every domain; seeding again adds nothing twice.</p>
    </section>
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
}
