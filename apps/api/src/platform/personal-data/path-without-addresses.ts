import type { Pseudonyms } from '../crypto/pseudonyms';

/**
 * A request path with each segment holding an email address (`/api/contacts/dana%40x.com`)
 * replaced by the address's pseudonym, for audit subjects and log lines: an address sent in a
 * URL is not written down where an erasure would have to find it.
 */
export function pathWithoutAddresses(path: string, pseudonyms: Pseudonyms): string {
  if (!path.includes('@') && !path.includes('%40')) return path;
  return path
    .split('/')
    .map((segment) => {
      const decoded = decodedOrRaw(segment);
      return decoded.includes('@') ? pseudonyms.contactRef(decoded) : segment;
    })
    .join('/');
}

function decodedOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
