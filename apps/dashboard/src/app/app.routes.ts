import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/auth.guard';
import { ShellComponent } from './shell/shell.component';

export const appRoutes: Routes = [
  {
    path: 'sign-in',
    canActivate: [guestGuard],
    loadChildren: () => import('./pages/sign-in/sign-in.routes'),
  },
  {
    path: '',
    canMatch: [authGuard],
    // Part of the first load, not a chunk of its own: every signed-in page needs it, and loaded
    // lazily it split the services it shares with the pages into many tiny chunks.
    component: ShellComponent,
    children: [
      { path: '', loadChildren: () => import('./pages/today/today.routes') },
      { path: 'integrations', loadChildren: () => import('./pages/integrations/integrations.routes') },
      { path: 'assets', loadChildren: () => import('./pages/assets/asset.routes') },
      { path: 'voice', loadChildren: () => import('./pages/voice/voice.routes') },
      { path: 'admin', loadChildren: () => import('./pages/admin/admin.routes') },
    ],
  },
  { path: '**', redirectTo: '' },
];
