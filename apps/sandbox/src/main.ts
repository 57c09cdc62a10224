import { startSandbox } from './sandbox-app';
import { settingsFromEnv } from './sandbox-settings';

/** Runs the sandbox from the environment (see README) until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const settings = settingsFromEnv(process.env);
  const sandbox = await startSandbox({ settings, logger: { level: process.env.SANDBOX_LOG_LEVEL ?? 'info' } });
  sandbox.app.log.info({ url: sandbox.url, seed: settings.seed, tickMs: settings.tickMs }, 'CaseyOS sandbox listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    sandbox.app.log.info({ signal }, 'stopping');
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        sandbox.app.log.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('sandbox failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
