import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets at rest (OAuth tokens, client secrets). Each value gets its own
 * random IV; the auth tag makes a tampered or wrong-key value fail loudly instead of decrypting
 * to garbage. Stored as `v1:<iv>:<tag>:<ciphertext>`, base64url.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** ENCRYPTION_KEY is 32 bytes as 64 hex characters or base64. */
  static fromKey(encoded: string): SecretBox {
    return new SecretBox(encryptionKeyBytes(encoded));
  }

  /** Outside production only: a key derived from another secret, so local runs need no setup. */
  static derivedFrom(secret: string): SecretBox {
    return new SecretBox(Buffer.from(hkdfSync('sha256', secret, 'caseyos', 'token-encryption', 32)));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** The 32 bytes of ENCRYPTION_KEY (64 hex characters or base64). */
export function encryptionKeyBytes(encoded: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(encoded) ? Buffer.from(encoded, 'hex') : Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes (64 hex characters or base64)');
  return key;
}
