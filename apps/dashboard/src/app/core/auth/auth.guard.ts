import { inject } from '@angular/core';
import { CanActivateFn, CanMatchFn, Router, UrlTree } from '@angular/router';
import { AuthService } from './auth.service';

export function signInUrl(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/sign-in'], { queryParams: returnUrl === '/' ? {} : { returnUrl } });
}

/**
 * The signed-in pages: a route that does not match for a visitor without a session, so the
 * router does not even load their code (the Today page's chunk) before sending them to sign in.
 */
export const authGuard: CanMatchFn = () => {
  if (inject(AuthService).authenticated()) {
    return true;
  }
  const router = inject(Router);
  const attempted = router.currentNavigation()?.extractedUrl;
  return signInUrl(router, attempted ? router.serializeUrl(attempted) : '/');
};

/** Signed-in users have nothing to do on the sign-in page. */
export const guestGuard: CanActivateFn = () => !inject(AuthService).authenticated() || inject(Router).createUrlTree(['/']);
