import { Global, Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Pseudonyms } from './pseudonyms';
import { SecretBox } from './secret-box';

export const SECRET_BOX = Symbol('SECRET_BOX');

@Global()
@Module({
  providers: [
    {
      provide: SECRET_BOX,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const box = config.ENCRYPTION_KEY ? SecretBox.fromKey(config.ENCRYPTION_KEY) : derivedBox(config.ADMIN_TOKEN);
        // During a key rotation (docs/RUNBOOK.md) values sealed under the other key still open.
        return config.ENCRYPTION_KEY_ACCEPTED ? box.alsoOpening(config.ENCRYPTION_KEY_ACCEPTED) : box;
      },
    },
    { provide: Pseudonyms, inject: [AppConfig], useFactory: (config: AppConfig) => Pseudonyms.forConfig(config) },
  ],
  exports: [SECRET_BOX, Pseudonyms],
})
export class CryptoModule {}

/** Production refuses to start without a key (loadConfig); this is for local runs. */
function derivedBox(adminToken: string): SecretBox {
  new Logger('Crypto').warn({ event: 'encryption_key_derived', detail: 'ENCRYPTION_KEY not set; deriving one from ADMIN_TOKEN' });
  return SecretBox.derivedFrom(adminToken);
}
