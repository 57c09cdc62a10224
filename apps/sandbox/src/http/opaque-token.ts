/**
 * Page and sync tokens are opaque to clients, as Google's and HubSpot's are: JSON in base64url.
 * Decoding returns undefined for anything the sandbox did not issue.
 */
export function encodeOpaqueToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeOpaqueToken<T extends object>(token: string, isValid: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return isValid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
