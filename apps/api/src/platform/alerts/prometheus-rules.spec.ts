import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Rule {
  alert: string;
  expr: string;
}

const rulesFile = join(__dirname, '..', '..', '..', '..', '..', 'docs', 'ops', 'prometheus-rules.yml');

describe('docs/ops/prometheus-rules.yml', () => {
  const rules = (parse(readFileSync(rulesFile, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((group) => group.rules);

  // That each series exists in /metrics is checked against a running app (execution/alerts/alerts.int-spec.ts).
  it('has a rule for every condition the built-in alerts evaluate, and the latency SLO', () => {
    expect(rules.map((rule) => rule.alert).sort()).toEqual([
      'CaseyOSBreakerOpen',
      'CaseyOSDeadLettersGrowing',
      'CaseyOSExecutionFailureRate',
      'CaseyOSHttp5xxRate',
      'CaseyOSLatencySLO',
      'CaseyOSPollerFailing',
    ]);
  });
});
