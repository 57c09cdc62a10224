import { provideHttpClient, withFetch, withInterceptors, withNoXsrfProtection } from '@angular/common/http';
import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { AuthService } from './core/auth/auth.service';
import { csrfInterceptor } from './core/auth/csrf.interceptor';
import { sessionExpiryInterceptor } from './core/auth/session-expiry.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    // Angular's built-in XSRF support reads a cookie; ours hands the token over in the session
    // response instead, so csrfInterceptor replaces it.
    provideHttpClient(withFetch(), withNoXsrfProtection(), withInterceptors([csrfInterceptor, sessionExpiryInterceptor])),
    // The guards need to know whether a session exists before the first navigation.
    provideAppInitializer(() => inject(AuthService).load()),
  ],
};
