import { createHmac } from 'node:crypto';
import { constantTimeEquals } from '../../platform/auth/constant-time';

/** HubSpot rejects replays older than five minutes; so do we. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;

/** HubSpot signs the URI with these characters decoded. */
const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export interface SignedRequest {
  method: string;
  /** The full URL HubSpot called: scheme, host, path and query. */
  url: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
}

export function signV3(secret: string, request: Omit<SignedRequest, 'signature'>): string {
  const uri = request.url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (match) => DECODED[match.toUpperCase()]);
  return createHmac('sha256', secret).update(`${request.method}${uri}${request.rawBody}${request.timestamp}`).digest('base64');
}

export type SignatureCheck = 'valid' | 'missing' | 'stale' | 'invalid';

/**
 * X-HubSpot-Signature-v3: HMAC-SHA256 over method, URI, body and timestamp, base64.
 *
 * Ours, not the SDK's `Signature.isValid` (@hubspot/api-client 13): that one signs the URL as
 * given (no decoding of the characters HubSpot decodes), throws on a stale or missing timestamp
 * instead of answering, lets any future timestamp through, and compares with `===`, whose time
 * depends on the input. hubspot-signature.spec.ts checks both agree where both apply.
 */
export function verifyV3(secret: string, request: SignedRequest, now: number): SignatureCheck {
  if (!request.signature) return 'missing';
  const timestamp = Number(request.timestamp);
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > MAX_SIGNATURE_AGE_MS) return 'stale';
  return constantTimeEquals(request.signature, signV3(secret, request)) ? 'valid' : 'invalid';
}
