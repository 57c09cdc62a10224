import { ESLint } from 'eslint';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Probe files, each a module folder's file importing another module. */
const PROBES = {
  queueImportsExecution: [
    'apps/api/src/command-queue',
    "import type { ExecutionService } from '../execution/execution.service';\nexport type Uses = ExecutionService;\n",
  ],
  connectorImportsSignals: [
    'apps/api/src/connectors',
    "import type { SignalsService } from '../signals/signals.service';\nexport type Uses = SignalsService;\n",
  ],
  outcomesImportsExecution: [
    'apps/api/src/outcomes',
    "import type { ExecutionService } from '../execution/execution.service';\nexport type Uses = ExecutionService;\n",
  ],
} as const;

/**
 * Lints the probes as real files in one run: under CI=true typescript-eslint builds its program
 * once, from the disk, so neither text passed in nor a file written after the first lint is seen.
 */
async function lintProbes(): Promise<Record<keyof typeof PROBES, string[]>> {
  const paths = Object.fromEntries(Object.entries(PROBES).map(([name, [folder]]) => [name, join(root, folder, `lint-probe-${process.pid}-${name}.ts`)]));
  for (const [name, [, code]] of Object.entries(PROBES)) writeFileSync(paths[name], code);
  try {
    const results = await new ESLint({ cwd: root }).lintFiles(Object.values(paths));
    const messagesOf = (path: string) => results.find((result) => result.filePath === path)!.messages.map((message) => `${message.ruleId}: ${message.message}`);
    return Object.fromEntries(Object.keys(PROBES).map((name) => [name, messagesOf(paths[name])])) as Record<keyof typeof PROBES, string[]>;
  } finally {
    for (const path of Object.values(paths)) unlinkSync(path);
  }
}

describe('the lint rules (eslint.config.mjs)', () => {
  let messages: Record<keyof typeof PROBES, string[]>;

  beforeAll(async () => {
    messages = await lintProbes();
  }, 120_000);

  it('refuse an import against the API module rules, saying which rule', () => {
    expect(messages.queueImportsExecution).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(messages.queueImportsExecution[0]).toContain('Module rule (DESIGN.md): command-queue imports none of signals, execution, outcomes');
  });

  it('refuse a connector importing a feature module', () => {
    expect(messages.connectorImportsSignals.join('\n')).toContain('Module rule (DESIGN.md): connectors use only platform');
  });

  it('let a module import what the rules allow', () => {
    expect(messages.outcomesImportsExecution).toEqual([]);
  });
});
