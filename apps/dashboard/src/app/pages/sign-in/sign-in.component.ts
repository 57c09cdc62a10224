import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { isApiDocsUrl } from '@caseyos/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { describeHttpError } from '../../core/http/http-error';

/** Only in-app paths: a crafted ?returnUrl= must not send the operator anywhere else. */
function safeReturnUrl(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

@Component({
  selector: 'cos-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './sign-in.component.html',
  styleUrl: './sign-in.component.css',
})
export class SignInComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  /** Bound from the query string by the router (withComponentInputBinding). */
  readonly returnUrl = input<string>();

  // A FormGroup (not a lone control) so the <form> gets a directive that handles submit in-app.
  protected readonly form = new FormGroup({
    token: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.submitting()) {
      return;
    }
    const token = this.form.controls.token.value.trim();
    if (!token) {
      this.error.set('Enter the operator token.');
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      await this.auth.signIn(token);
      const returnUrl = this.returnUrl();
      // The API docs sent the browser here (a page of the API, not of this app): go back with a page load.
      if (returnUrl && isApiDocsUrl(returnUrl)) {
        this.document.location.assign(returnUrl);
        return;
      }
      await this.router.navigateByUrl(safeReturnUrl(returnUrl));
    } catch (err) {
      this.error.set(
        err instanceof HttpErrorResponse && err.status === 401 ? 'That operator token is not valid. Check it and try again.' : describeHttpError(err),
      );
    } finally {
      this.submitting.set(false);
    }
  }
}
