import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './redis-server';

const entry = join(__dirname, '..', '..', '..', '..', 'dist', 'sandbox', 'apps', 'sandbox', 'src', 'main.js');

/**
 * The built sandbox (`nx run sandbox:build`) as a separate process: the API only ever talks to
 * it over HTTP, as it would to HubSpot and Google.
 */
export class SandboxProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<SandboxProcess> {
    if (!existsSync(entry)) throw new Error('Build the sandbox first: npx nx run sandbox:build');
    const port = await freePort();
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH, SANDBOX_PORT: String(port), SANDBOX_TICK_MS: '0', SANDBOX_LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const healthy = await fetch(`${url}/_sandbox/health`).then(
        (res) => res.ok,
        () => false,
      );
      if (healthy) return new SandboxProcess(child, url);
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('The sandbox did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
