import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './core/auth/auth.guard';

export const appRoutes: Routes = [
  {
    path: 'sign-in',
    canActivate: [guestGuard],
    loadChildren: () => import('./pages/sign-in/sign-in.routes'),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', loadChildren: () => import('./pages/today/today.routes') },
      { path: 'integrations', loadChildren: () => import('./pages/integrations/integrations.routes') },
      { path: 'assets', loadChildren: () => import('./pages/assets/asset.routes') },
    ],
  },
  { path: '**', redirectTo: '' },
];
