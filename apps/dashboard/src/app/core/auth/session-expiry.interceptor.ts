import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService, SESSION_URL } from './auth.service';
import { signInUrl } from './auth.guard';

/**
 * A 401 from the API while signed in means the session expired or was revoked: send the user to
 * sign in and bring them back afterwards. The sign-in call itself reports its own 401s.
 */
export const sessionExpiryInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((err: unknown) => {
      if (err instanceof HttpErrorResponse && err.status === 401 && req.url !== SESSION_URL && auth.authenticated()) {
        auth.clear();
        void router.navigateByUrl(signInUrl(router, router.url));
      }
      return throwError(() => err);
    }),
  );
};
