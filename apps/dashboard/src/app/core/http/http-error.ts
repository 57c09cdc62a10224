import { HttpErrorResponse } from '@angular/common/http';
import { ProblemDetails } from '@caseyos/contracts';

function isProblem(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && 'title' in body && 'status' in body;
}

/** One human sentence for any failed call, preferring the API's own problem+json wording. */
export function describeHttpError(err: unknown): string {
  if (!(err instanceof HttpErrorResponse)) {
    return 'Something unexpected went wrong.';
  }
  if (err.status === 0) {
    return 'Cannot reach the CaseyOS API. Check that it is running.';
  }
  if (isProblem(err.error)) {
    return err.error.detail || err.error.title;
  }
  return `The API answered ${err.status}${err.statusText ? ` ${err.statusText}` : ''}.`;
}

/** The request id lets an operator find the matching API log line. */
export function requestIdOf(err: unknown): string | undefined {
  return err instanceof HttpErrorResponse && isProblem(err.error) ? err.error.request_id : undefined;
}
