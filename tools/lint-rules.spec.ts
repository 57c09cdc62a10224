import { ESLint } from 'eslint';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Probe files, each a module folder's file importing another module or a BullMQ worker piece. */
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
  queueWritesWorkerAndImportsExecution: [
    'apps/api/src/command-queue',
    "import { WorkerHost } from '@nestjs/bullmq';\nimport type { ExecutionService } from '../execution/execution.service';\nexport abstract class Probe extends WorkerHost {\n  abstract uses(): ExecutionService;\n}\n",
  ],
  jobRegistryStartsWorkers: ['apps/api/src/platform/queues', "import type { Worker } from 'bullmq';\nexport type Uses = Worker;\n"],
  accountsImportQueue: [
    'apps/api/src/accounts',
    "import type { CommandQueueService } from '../command-queue/command-queue.service';\nexport type Uses = CommandQueueService;\n",
  ],
  signalsImportQueueEntity: [
    'apps/api/src/signals',
    "import type { CommandQueueItem } from '../command-queue/entities/command-queue-item.entity';\nexport type Uses = CommandQueueItem;\n",
  ],
  signalsImportOwnEntity: ['apps/api/src/signals/pollers', "import type { Signal } from '../entities/signal.entity';\nexport type Uses = Signal;\n"],
  outcomesImportPrivacy: [
    'apps/api/src/outcomes',
    "import type { ContactPrivacyService } from '../privacy/contact-privacy.service';\nexport type Uses = ContactPrivacyService;\n",
  ],
  privacyImportsOutcomes: [
    'apps/api/src/privacy',
    "import type { OutcomesService } from '../outcomes/outcomes.service';\nexport type Uses = OutcomesService;\n",
  ],
  draftingImportsExecution: [
    'apps/api/src/drafting',
    "import type { ExecutionService } from '../execution/execution.service';\nexport type Uses = ExecutionService;\n",
  ],
  executionImportsDrafting: [
    'apps/api/src/execution',
    "import type { DraftingService } from '../drafting/drafting.service';\nexport type Uses = DraftingService;\n",
  ],
  privacyImportsOutcomeEntity: [
    'apps/api/src/privacy',
    "import type { OutcomeEvent } from '../outcomes/entities/outcome-event.entity';\nexport type Uses = OutcomeEvent;\n",
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

  it('refuse drafting importing a feature module, and let execution use drafting', () => {
    expect(messages.draftingImportsExecution.join('\n')).toContain('Module rule (DESIGN.md): drafting imports only platform');
    expect(messages.executionImportsDrafting).toEqual([]);
  });

  it('refuse accounts importing a feature module', () => {
    expect(messages.accountsImportQueue.join('\n')).toContain('Module rule (DESIGN.md): accounts use only platform');
  });

  it("refuse another module's entity even where its service is allowed, but not the module's own", () => {
    expect(messages.signalsImportQueueEntity).toEqual([
      expect.stringContaining("a module owns its tables; call the owning module's service instead of importing its entity"),
    ]);
    expect(messages.signalsImportOwnEntity).toEqual([]);
  });

  it('let a module import what the rules allow', () => {
    expect(messages.outcomesImportsExecution).toEqual([]);
    expect(messages.privacyImportsOutcomes).toEqual([]);
  });

  it('refuse any module importing privacy, and privacy importing a table', () => {
    expect(messages.outcomesImportPrivacy.join('\n')).toContain('Module rule (DESIGN.md): outcomes may read every feature module but privacy');
    expect(messages.privacyImportsOutcomeEntity).toEqual([
      expect.stringContaining("a module owns its tables; call the owning module's service instead of importing its entity"),
    ]);
  });

  it('refuse a hand-written BullMQ worker outside the job registry, pointing to @OnJob, and keep the module rule', () => {
    expect(messages.queueWritesWorkerAndImportsExecution).toEqual([
      expect.stringMatching(/^@typescript-eslint\/no-restricted-imports: .*Jobs rule: mark a provider method with @OnJob/),
      expect.stringContaining('Module rule (DESIGN.md): command-queue imports none of signals, execution, outcomes'),
    ]);
  });

  it('let the job registry use BullMQ workers', () => {
    expect(messages.jobRegistryStartsWorkers).toEqual([]);
  });
});
