import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';

/** The version this process runs: the root package.json's, plus the commit the build was made from when known. */
export function runningVersion(gitCommit: string | undefined, from = __dirname): string {
  const version = rootPackageVersion(from) ?? 'unknown';
  return gitCommit ? `${version}+${gitCommit.slice(0, 12)}` : version;
}

/** Host and pid name the process for an operator; the random tail keeps a restarted pid (containers: always 1) distinct. */
export function newProcessId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function rootPackageVersion(from: string): string | undefined {
  // Source runs from apps/api/src/..., the build from dist/api/apps/api/src/...: walk up to the root.
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'caseyos') return manifest.version;
  }
  return undefined;
}
