import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(__dirname, '..', '..', '..', '..', 'dist', 'api', 'apps', 'api', 'src');

/**
 * The built API (`nx run api:build`) as a real process: `main.js` (roles api, all) or `worker.js`.
 * Only PATH reaches it from the test's environment; everything else is `env`.
 */
export class AppProcess {
  private log = '';
  readonly exit: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    // Only the tail is kept: enough to read why a process failed, bounded whatever it logs.
    const keep = (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(entry: 'main.js' | 'worker.js', env: Record<string, string>): AppProcess {
    const file = join(dist, entry);
    if (!existsSync(file)) throw new Error('Build the API first: npx nx run api:build');
    return new AppProcess(spawn(process.execPath, [file], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  output(): string {
    return this.log;
  }

  /** Resolves once the process printed `line`; fails with its output if it exits first or takes too long. */
  async printed(line: string, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.log.includes(line)) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`exited before printing "${line}":\n${this.log}`);
      if (Date.now() > deadline) {
        // Nothing waits on a process that did not come up: it must not outlive the suite.
        this.child.kill('SIGKILL');
        throw new Error(`did not print "${line}" within ${timeoutMs / 1000} s:\n${this.log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM (or `signal`: SIGKILL for a crash), then the exit code (0: a graceful shutdown; null: killed by the signal). */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exit;
  }
}
