// The Today page's dialogs, none needed at first paint: one module, so one chunk, fetched the
// first time any of them opens (LazyComponent). Import these only through `import()`.
export { ContactTimelineComponent } from './contact/contact-timeline.component';
export { ExecuteDialogComponent } from './execution/execute-dialog.component';
export { RollbackDialogComponent } from './execution/rollback-dialog.component';
export { DismissDialogComponent } from './moves/dismiss-dialog.component';
export { SnoozeDialogComponent } from './moves/snooze-dialog.component';
