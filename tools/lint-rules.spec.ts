import { ESLint } from 'eslint';
import { join } from 'node:path';

const root = join(__dirname, '..');

/** Lints `code` as if it were the file at `path` (an existing file, so type information is there). */
async function messagesFor(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the lint rules (eslint.config.mjs)', () => {
  jest.setTimeout(120_000);

  it('refuse an import against the API module rules, saying which rule', async () => {
    const messages = await messagesFor(
      'apps/api/src/command-queue/status-machine.ts',
      "import { ExecutionService } from '../execution/execution.service';\nexport type Uses = ExecutionService;\n",
    );
    expect(messages).toEqual([expect.stringContaining('no-restricted-imports')]);
    expect(messages[0]).toContain('Module rule (DESIGN.md): command-queue imports none of signals, execution, outcomes');
  });

  it('refuse a connector importing a feature module', async () => {
    const messages = await messagesFor(
      'apps/api/src/connectors/call-options.ts',
      "import { SignalsService } from '../signals/signals.service';\nexport type Uses = SignalsService;\n",
    );
    expect(messages.join('\n')).toContain('Module rule (DESIGN.md): connectors use only platform');
  });

  it('let a module import what the rules allow', async () => {
    const messages = await messagesFor(
      'apps/api/src/outcomes/outcome-settings.ts',
      "import type { ExecutionService } from '../execution/execution.service';\nexport type Uses = ExecutionService;\n",
    );
    expect(messages).toEqual([]);
  });
});
