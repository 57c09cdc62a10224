import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets at rest (OAuth tokens). Each value gets its own random IV; the auth
 * tag makes a tampered or wrong-key value fail loudly instead of decrypting to garbage, which is
 * also how the key a value was sealed under is told: only that key opens it. Stored as
 * `v1:<iv>:<tag>:<ciphertext>`, base64url.
 *
 * A box seals under one key and may open under one more (`alsoOpening`), so processes can move
 * from one ENCRYPTION_KEY to the next one by one while they share stored values.
 */
export class SecretBox {
  private constructor(
    private readonly sealKey: Buffer,
    private readonly openKeys: readonly Buffer[] = [sealKey],
  ) {}

  /** ENCRYPTION_KEY is 32 bytes as 64 hex characters or base64. */
  static fromKey(encoded: string): SecretBox {
    return new SecretBox(encryptionKeyBytes(encoded));
  }

  /** Outside production only: a key derived from another secret, so local runs need no setup. */
  static derivedFrom(secret: string): SecretBox {
    return new SecretBox(Buffer.from(hkdfSync('sha256', secret, 'caseyos', 'token-encryption', 32)));
  }

  /** The same box, also opening values sealed under `encoded` (never sealing with it). */
  alsoOpening(encoded: string): SecretBox {
    return new SecretBox(this.sealKey, [...this.openKeys, encryptionKeyBytes(encoded, 'ENCRYPTION_KEY_ACCEPTED')]);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':');
  }

  /** The plaintext; throws when the value is not sealed, tampered with, or sealed under a key this box does not hold. */
  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Not a sealed secret');
    for (const key of this.openKeys) {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // The tag does not match under this key: try the next one.
      }
    }
    throw new Error('The sealed secret does not open with this key (another key, or tampered with)');
  }

  /** Whether `open` would succeed. */
  opens(sealed: string): boolean {
    try {
      this.open(sealed);
      return true;
    } catch {
      return false;
    }
  }
}

/** The 32 bytes of an encryption key (64 hex characters or base64); `name` is the variable it came from, for the error. */
export function encryptionKeyBytes(encoded: string, name = 'ENCRYPTION_KEY'): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(encoded) ? Buffer.from(encoded, 'hex') : Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes (64 hex characters or base64)`);
  return key;
}
