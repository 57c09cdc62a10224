import { inject } from '@angular/core';
import { CanActivateFn, Router, UrlTree } from '@angular/router';
import { AuthService } from './auth.service';

export function signInUrl(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/sign-in'], { queryParams: returnUrl === '/' ? {} : { returnUrl } });
}

export const authGuard: CanActivateFn = (_route, state) => inject(AuthService).authenticated() || signInUrl(inject(Router), state.url);

/** Signed-in users have nothing to do on the sign-in page. */
export const guestGuard: CanActivateFn = () => !inject(AuthService).authenticated() || inject(Router).createUrlTree(['/']);
