import { DynamicModule, Module } from '@nestjs/common';
import { CommandQueueModule } from './command-queue/command-queue.module';
import { ConnectorsModule } from './connectors/connectors.module';
import { ExecutionModule } from './execution/execution.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { AppConfig } from './platform/config/app-config';
import { PlatformModule } from './platform/platform.module';
import { SignalsModule } from './signals/signals.module';

/** The whole API; the role decides which processors start (see QueuesModule). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const commandQueue = CommandQueueModule.forRoot(config);
    const signals = SignalsModule.forRoot(config, commandQueue);
    const execution = ExecutionModule.forRoot(config, commandQueue);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        ConnectorsModule,
        commandQueue,
        signals,
        execution,
        OutcomesModule.forRoot(config, commandQueue, execution, signals),
      ],
    };
  }
}
