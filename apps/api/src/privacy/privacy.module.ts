import { DynamicModule, Module } from '@nestjs/common';
import { ContactPrivacyService } from './contact-privacy.service';
import { ContactsController } from './contacts.controller';

/**
 * A person's data across the modules (docs/PRIVACY.md): export and erasure. It owns no table and
 * reaches the others' only through their services; no module imports it.
 */
@Module({})
export class PrivacyModule {
  static forRoot(commandQueue: DynamicModule, signals: DynamicModule, execution: DynamicModule, outcomes: DynamicModule): DynamicModule {
    return {
      module: PrivacyModule,
      imports: [commandQueue, signals, execution, outcomes],
      controllers: [ContactsController],
      providers: [ContactPrivacyService],
    };
  }
}
