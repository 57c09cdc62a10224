import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ShortcutOverlayComponent } from './core/shortcuts/shortcut-overlay.component';
import { ShortcutService } from './core/shortcuts/shortcut.service';
import { ThemeService } from './core/theme/theme.service';
import { ToastOutletComponent } from './core/toast/toast-outlet.component';

@Component({
  selector: 'cos-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, ToastOutletComponent, ShortcutOverlayComponent],
  template: `
    <router-outlet />
    <cos-toast-outlet />
    <cos-shortcut-overlay />
  `,
})
export class AppComponent {
  constructor() {
    const theme = inject(ThemeService);
    const unregister = inject(ShortcutService).register({
      key: 't',
      description: 'Toggle dark mode',
      scope: 'General',
      run: () => theme.toggle(),
    });
    inject(DestroyRef).onDestroy(unregister);
  }
}
