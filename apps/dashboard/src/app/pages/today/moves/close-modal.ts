/**
 * Closes a modal <dialog> and makes sure focus has left it, all before the next key arrives.
 * The browser hands focus back only to an element that had it before; when nothing had (focus
 * was on the page body), the now hidden field inside keeps it until a later frame and swallows
 * the next shortcut key as typing. Escape goes through here too (the dialog's keydown), rather
 * than through the browser's close request, so that path is just as deterministic.
 */
export function closeModal(dialog: HTMLDialogElement): void {
  dialog.close();
  const active = dialog.ownerDocument.activeElement;
  if (active instanceof HTMLElement && dialog.contains(active)) {
    active.blur();
  }
}
