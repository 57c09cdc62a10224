import 'reflect-metadata';
import { ConfigError, loadConfig } from './platform/config/load-config';
import { createHttpApp, createWorkerApp } from './create-app';
import { closeOnSignals } from './shutdown';

/** Entry for `ROLE=api` and `ROLE=all` (the default); `ROLE=worker` is handed to the worker. */
async function main() {
  const config = loadConfig();
  if (!config.runsHttp) {
    const worker = createWorkerApp(config);
    closeOnSignals(worker, console.error);
    await worker;
    return;
  }
  const starting = createHttpApp(config);
  closeOnSignals(starting, console.error);
  const app = await starting;
  await app.listen({ port: config.PORT, host: config.HOST });
  console.error(`caseyos: ${config.ROLE} listening on http://${config.HOST}:${config.PORT}`);
}

main().catch((error: Error & { code?: string }) => {
  if (error instanceof ConfigError) console.error(`caseyos: ${error.message}`);
  else if (error.code === 'EADDRINUSE') console.error(`caseyos: port ${process.env.PORT ?? 3000} is in use; set PORT to a free port`);
  else console.error(`caseyos: failed to start: ${error.stack ?? error.message}`);
  process.exit(1);
});
