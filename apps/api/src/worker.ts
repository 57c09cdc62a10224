import 'reflect-metadata';
import { ConfigError, loadConfig } from './platform/config/load-config';
import { createWorkerApp } from './create-app';
import { closeOnSignals } from './shutdown';

/** Queue worker entry: runs BullMQ processors and schedules, serves no HTTP. */
async function main() {
  const config = loadConfig({ ...process.env, ROLE: 'worker' });
  const app = createWorkerApp(config);
  closeOnSignals(app, console.error);
  await app;
  console.error('caseyos: worker started');
}

main().catch((error: Error) => {
  console.error(`caseyos: ${error instanceof ConfigError ? error.message : `worker failed to start: ${error.stack ?? error.message}`}`);
  process.exit(1);
});
