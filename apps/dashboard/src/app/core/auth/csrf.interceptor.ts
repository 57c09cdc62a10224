import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { HEADERS } from '@caseyos/contracts';
import { AuthService } from './auth.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Same-origin means a path ("/api/..."), never a scheme-relative or absolute URL: the token must not leak. */
function isSameOrigin(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

export const csrfInterceptor: HttpInterceptorFn = (req, next) => {
  const token = inject(AuthService).csrfToken();
  if (!token || SAFE_METHODS.has(req.method) || !isSameOrigin(req.url)) {
    return next(req);
  }
  return next(req.clone({ setHeaders: { [HEADERS.csrfToken]: token } }));
};
