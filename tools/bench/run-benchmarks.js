// `npm run bench`: the performance targets of the issues, measured on loopback only, printed.
// BENCH_ONLY=today|floor|wire|signals|execute|outcomes|scale runs one; BENCH_DURATION_S shortens or lengthens each measurement.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { root, serviceEnv } = require('./bench-support');

const BENCHMARKS = {
  today: require('./today-bench'),
  floor: require('./platform-floor-bench'),
  wire: require('./wire-bench'),
  signals: require('./signals-bench'),
  execute: require('./execute-bench'),
  outcomes: require('./outcomes-bench'),
  scale: require('./scale-bench'),
};

async function main() {
  execFileSync('bash', [join(root, 'tools/services.sh'), 'up'], { stdio: 'inherit' });
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'sandbox', 'dashboard'], { cwd: root, stdio: 'inherit' });
  const env = serviceEnv();
  const only = process.env.BENCH_ONLY;
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (!only || only === name) await run(env);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
