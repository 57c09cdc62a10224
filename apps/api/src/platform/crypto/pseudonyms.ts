import { createHmac, hkdfSync } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { encryptionKeyBytes } from './secret-box';

/**
 * Keyed pseudonyms (HMAC-SHA256) for what must be recognisable without being stored: the audit
 * log knows an erased person as `contact:<hash>`, so a second erasure of the same address can be
 * correlated with the first, but the address cannot be read back or guessed from a list of
 * addresses without the key. The key is derived from PSEUDONYM_KEY, else ENCRYPTION_KEY (or,
 * outside production where it may be unset, from ADMIN_TOKEN, as the token encryption does).
 * PSEUDONYM_KEY set to the ENCRYPTION_KEY in use gives the same pseudonyms, which is how they
 * outlive a rotation of ENCRYPTION_KEY.
 */
export class Pseudonyms {
  private constructor(private readonly key: Buffer) {}

  static forConfig(config: Pick<AppConfig, 'PSEUDONYM_KEY' | 'ENCRYPTION_KEY' | 'ADMIN_TOKEN'>): Pseudonyms {
    const key = config.PSEUDONYM_KEY ?? config.ENCRYPTION_KEY;
    const secret = key ? encryptionKeyBytes(key, config.PSEUDONYM_KEY ? 'PSEUDONYM_KEY' : 'ENCRYPTION_KEY') : Buffer.from(config.ADMIN_TOKEN, 'utf8');
    // Its own derived key: the same secret never serves two purposes.
    return new Pseudonyms(Buffer.from(hkdfSync('sha256', secret, 'caseyos', 'contact-pseudonyms', 32)));
  }

  /** `contact:` and 32 hex characters; any case and surrounding space of the address give the same one. */
  contactRef(email: string): string {
    return `contact:${createHmac('sha256', this.key).update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;
  }
}
