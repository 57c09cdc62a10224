// `npm run rotate-encryption-key`: re-seals the stored OAuth tokens from ENCRYPTION_KEY_OLD to
// ENCRYPTION_KEY, both read from the environment (docs/RUNBOOK.md, "Rotating ENCRYPTION_KEY").
import { rotateEncryptionKey } from './encryption-key-rotation';

if (process.argv.length > 2) {
  // A key typed as an argument would be readable by any user in `ps`.
  console.error('rotate-encryption-key takes no arguments: set ENCRYPTION_KEY_OLD and ENCRYPTION_KEY in the environment');
  process.exit(1);
}

rotateEncryptionKey(process.env, (line) => console.log(line)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : 'rotate-encryption-key failed');
  process.exit(1);
});
