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
        if (config.ENCRYPTION_KEY) return SecretBox.fromKey(config.ENCRYPTION_KEY);
        // Production refuses to start without a key (loadConfig); this is for local runs.
        new Logger('Crypto').warn({ event: 'encryption_key_derived', detail: 'ENCRYPTION_KEY not set; deriving one from ADMIN_TOKEN' });
        return SecretBox.derivedFrom(config.ADMIN_TOKEN);
      },
    },
    { provide: Pseudonyms, inject: [AppConfig], useFactory: (config: AppConfig) => Pseudonyms.forConfig(config) },
  ],
  exports: [SECRET_BOX, Pseudonyms],
})
export class CryptoModule {}
