import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { QueueChangedEvent } from '@caseyos/contracts';
import { StoredFlag } from '../../shared/data/stored-flag';
import { LiveEventsService } from '../events/live-events.service';
import { ToastService } from '../toast/toast.service';

/** A new move above this APS is worth a notification. */
export const URGENT_APS = 0.9;

/**
 * Browser notifications for urgent new moves (APS above 0.9), opt-in: the operator turns them on
 * (the bell in the header), the browser asks for permission, and the choice is remembered in this
 * browser (localStorage `caseyos.notify.urgent-moves`). A notification is shown only while the
 * tab is hidden: a visible tab already shows the move arriving live at the top of Today. One per
 * move: every open tab may try, and the shared tag makes the browser keep one.
 */
@Injectable({ providedIn: 'root' })
export class UrgentMoveAlerts {
  private readonly document = inject(DOCUMENT);
  private readonly toast = inject(ToastService);
  private readonly optedIn = new StoredFlag('caseyos.notify.urgent-moves');
  private readonly permission = signal(currentPermission());

  /** False where the browser has no Notification API (or not in this context). */
  readonly supported = currentPermission() !== 'unsupported';
  readonly enabled = computed(() => this.optedIn.value() && this.permission() === 'granted');

  /** Listens to the live stream for as long as the caller lives (call in an injection context). */
  follow(): void {
    inject(LiveEventsService).follow({ queueChanged: (event) => this.notice(event) });
  }

  async toggle(): Promise<void> {
    if (this.enabled()) {
      this.optedIn.set(false);
      return;
    }
    if (!this.supported) return;
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    this.permission.set(permission);
    if (permission !== 'granted') {
      this.toast.error("This browser blocks notifications from CaseyOS: allow them in the site's settings, then turn alerts on again.");
      return;
    }
    this.optedIn.set(true);
    this.toast.success('You will be notified of new moves above APS 90 while this tab is in the background.');
  }

  /** Shows a notification for an urgent new move, if alerts are on and the tab is hidden. */
  notice(event: QueueChangedEvent): void {
    this.permission.set(currentPermission()); // revoked in the browser's settings since?
    const move = event.item;
    if (event.type !== 'queue.item.created' || move.aps <= URGENT_APS || !this.enabled() || this.document.visibilityState !== 'hidden') return;
    const who = [move.contact_name ?? move.contact_email, move.company].filter(Boolean).join(', ');
    const notification = new Notification(`Urgent move: ${move.title}`, {
      body: [`APS ${Math.round(move.aps * 100)}`, who, move.reasons[0]].filter(Boolean).join(' · '),
      tag: `caseyos-move-${move.id}`,
    });
    notification.onclick = () => {
      this.document.defaultView?.focus();
      notification.close();
    };
  }
}

function currentPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
