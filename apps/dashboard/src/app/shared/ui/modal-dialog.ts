import { DOCUMENT, ElementRef, Signal, inject } from '@angular/core';

/** Whether focus can go back to `element`: still in the page, rendered and enabled. */
function canTakeFocus(element: HTMLElement): boolean {
  return element.isConnected && element.getClientRects().length > 0 && !element.matches(':disabled');
}

/**
 * A native modal `<dialog>` opened from code and kept in the page (so `d` pressed straight after
 * Escape gets a fresh one at once). The browser traps focus while it is open; closing hands focus
 * back to what had it before (the row button that opened it), when that can still take it. Otherwise focus is made to leave the dialog before the next key
 * arrives: a hidden field inside would keep it and swallow the next shortcut as typing. Create in
 * an injection context.
 */
export class ModalDialog {
  private readonly document = inject(DOCUMENT);
  /** What had focus when the dialog opened; null when nothing did (a shortcut pressed on the page). */
  private opener: HTMLElement | null = null;

  constructor(private readonly dialog: Signal<ElementRef<HTMLDialogElement>>) {}

  get isOpen(): boolean {
    return this.dialog().nativeElement.open;
  }

  open(): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) {
      return;
    }
    const active = this.document.activeElement;
    this.opener = active instanceof HTMLElement && active !== this.document.body ? active : null;
    dialog.showModal();
  }

  close(): void {
    const dialog = this.dialog().nativeElement;
    const opener = this.opener;
    this.opener = null;
    dialog.close();
    if (opener && canTakeFocus(opener)) {
      opener.focus();
    }
    const active = this.document.activeElement;
    if (active instanceof HTMLElement && dialog.contains(active)) {
      active.blur();
    }
  }
}
