// Sums the test steps run by tools/test.sh.
// Usage: node tools/summarize-tests.js RESULTS_DIR NAME=EXIT_CODE...
// A step may have left RESULTS_DIR/NAME.json (Jest --json or Playwright's json reporter).
// A step that exited non-zero without a failing test in its report (crash, missing config,
// broken build, Playwright webServer error) counts as one failure, so the last line and
// the exit status never disagree.
const fs = require('fs');
const path = require('path');

function countsFromReport(report) {
  if (report.stats) {
    // Playwright: flaky tests passed on retry.
    const { expected = 0, flaky = 0, unexpected = 0, skipped = 0 } = report.stats;
    return { passed: expected + flaky, failed: unexpected, skipped };
  }
  // A suite that fails without a failing test (syntax error, failing import, a throwing
  // afterAll) would otherwise count as nothing.
  const brokenSuites = report.testResults.filter(
    (suite) => suite.status === 'failed' && !suite.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenSuites,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const [resultsDir, ...steps] = process.argv.slice(2);
const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

for (const step of steps) {
  const [name, code] = step.split('=');
  const report = readReport(path.join(resultsDir, `${name}.json`));
  const counts = report ? countsFromReport(report) : { passed: 0, failed: 0, skipped: 0 };
  let note = '';
  if (code !== '0' && counts.failed === 0) {
    counts.failed = 1;
    note = ` (exited ${code}${report ? '' : ' without a test report'})`;
  }
  if (!report && code === '0') {
    lines.push(`  ${name}: ok`);
  } else {
    lines.push(`  ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${note}`);
  }
  for (const key of Object.keys(total)) total[key] += counts[key];
}

console.log(['', 'test steps:', ...lines].join('\n'));
console.log(`tests: ${total.passed} passed, ${total.failed} failed` + (total.skipped ? `, ${total.skipped} skipped` : ''));
process.exitCode = total.failed > 0 ? 1 : 0;
