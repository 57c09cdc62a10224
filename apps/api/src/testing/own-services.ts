import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './redis-server';

const servicesScript = join(__dirname, '..', '..', '..', '..', 'tools', 'services.sh');
const run = promisify(execFile);

export type ServiceName = 'postgres' | 'redis';

/**
 * A Postgres and a Redis server of the test's own (tools/services.sh with a data directory and
 * free loopback ports of its own), so a test can stop and restart them under load without
 * touching the servers every other suite shares. Redis keeps its append-only file across a
 * restart, as in docker-compose.yml.
 */
export class OwnServices {
  private removed = false;
  private readonly removeAtExit = () => this.removeNow();

  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly databaseUrl: string,
    readonly redisUrl: string,
  ) {
    // A run cut short (Ctrl-C, a crash) must not leave servers and data behind either.
    process.once('exit', this.removeAtExit);
  }

  static async start(database = 'caseyos'): Promise<OwnServices> {
    const dataDir = mkdtempSync(join(tmpdir(), 'caseyos-own-services-'));
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const env = {
      ...process.env,
      CASEYOS_DATA_DIR: dataDir,
      CASEYOS_PG_PORT: String(pgPort),
      CASEYOS_REDIS_PORT: String(redisPort),
      CASEYOS_DATABASES: database,
    };
    const services = new OwnServices(env, `postgres://caseyos:caseyos@127.0.0.1:${pgPort}/${database}`, `redis://127.0.0.1:${redisPort}`);
    try {
      await services.script('up');
    } catch (error) {
      await services.remove();
      throw error;
    }
    return services;
  }

  start(service: ServiceName): Promise<void> {
    return this.script('up', service);
  }

  /** A clean stop: Postgres's fast shutdown (open sessions are ended), Redis's SIGTERM. */
  stop(service: ServiceName): Promise<void> {
    return this.script('down', service);
  }

  /** Stops both servers and deletes their data directory. */
  async remove(): Promise<void> {
    if (this.removed) return;
    await this.script('down').catch(() => undefined);
    this.removeNow();
  }

  private removeNow(): void {
    if (this.removed) return;
    this.removed = true;
    process.removeListener('exit', this.removeAtExit);
    spawnSync('bash', [servicesScript, 'down'], { env: this.env, stdio: 'ignore' });
    rmSync(this.env.CASEYOS_DATA_DIR as string, { recursive: true, force: true });
  }

  private async script(...args: string[]): Promise<void> {
    await run('bash', [servicesScript, ...args], { env: this.env, timeout: 90_000 });
  }
}
