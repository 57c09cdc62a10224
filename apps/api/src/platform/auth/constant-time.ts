import { createHash, timingSafeEqual } from 'node:crypto';

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Compares secrets in constant time; hashing first hides the length of the expected value. */
export function constantTimeEquals(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

/**
 * `constantTimeEquals` against a secret fixed for the process's life: the secret is hashed once,
 * not on every request that presents a candidate.
 */
export function constantTimeMatcher(expected: string): (given: string) => boolean {
  const expectedDigest = sha256(expected);
  return (given) => timingSafeEqual(sha256(given), expectedDigest);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
