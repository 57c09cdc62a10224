import type { INestApplicationContext } from '@nestjs/common';

/**
 * Ctrl-C and SIGTERM close the app: the server stops accepting, in-flight requests and jobs
 * finish, pools close, and the process exits 0. A second signal forces the exit.
 */
export function closeOnSignals(app: INestApplicationContext, log: (message: string) => void): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log(`caseyos: ${signal} again, exiting now`);
      process.exit(1);
    }
    closing = true;
    log(`caseyos: ${signal} received, shutting down gracefully`);
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        log(`caseyos: shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
