// Runs Jest projects on the engines this machine offers: SQLite always, MariaDB too when TEST_MYSQL_URL is set (each
// test file creates and drops its own database there). `--shifted` runs them again under Debian's faketime at each
// offset of TEST_TIME_SHIFTS (default "+10d,+200d"), to prove the suite does not depend on today's date.
//
//   node test/run-suites.mjs e2e                 # e2e on SQLite (and MariaDB)
//   node test/run-suites.mjs reliability         # the reliability suite
//   node test/run-suites.mjs --shifted unit e2e  # unit and e2e under faketime
//
// The tests of each file run in a random order (Jest's --randomize), so that a test that needs another one to run first
// fails here rather than some day. The seed is printed; TEST_SEED=<seed> replays that order.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const args = process.argv.slice(2);
const shifted = args.includes('--shifted');
const projects = args.filter((arg) => !arg.startsWith('--'));
const seed = process.env.TEST_SEED ?? String(randomInt(-0x80000000, 0x7fffffff));
if (!/^-?\d+$/.test(seed)) {
  console.error(`TEST_SEED must be an integer, not "${seed}"`);
  process.exit(2);
}
console.log(
  `Tests run in a random order within each file, seed ${seed} (replay: TEST_SEED=${seed} node test/run-suites.mjs ${args.join(' ')})`,
);
const jest = (project) => [
  process.execPath,
  '--experimental-vm-modules',
  'node_modules/jest/bin/jest.js',
  '--randomize',
  `--seed=${seed}`,
  '--selectProjects',
  project,
];

function run(label, command, env) {
  console.log(`\n== ${label}`);
  const [file, ...rest] = command;
  const result = spawnSync(file, rest, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`FAILED: ${label} (seed ${seed}: TEST_SEED=${seed} replays the order)`);
    process.exit(result.status ?? 1);
  }
}

// Unit tests touch no database: one run each time.
function engines(project) {
  if (project === 'unit') return [['no database', {}]];
  const list = [['SQLite', { TEST_DB: 'sqlite' }]];
  if (process.env.TEST_MYSQL_URL) list.push(['MariaDB', { TEST_DB: 'mysql' }]);
  else
    console.log(
      'TEST_MYSQL_URL is not set: the MariaDB run is skipped (set it to mysql://root@127.0.0.1:3306/test to include it).',
    );
  return list;
}

if (!shifted) {
  for (const project of projects)
    for (const [engine, env] of engines(project)) run(`${project} on ${engine}`, jest(project), env);
  process.exit(0);
}

if (spawnSync('faketime', ['-f', '+0d', 'true']).status !== 0) {
  console.log('faketime is not installed (Debian: apt-get install faketime): the time-shifted runs are skipped.');
  process.exit(0);
}
for (const offset of (process.env.TEST_TIME_SHIFTS ?? '+10d,+200d').split(',')) {
  for (const project of projects) {
    for (const [engine, env] of engines(project))
      run(`${project} on ${engine}, clock moved ${offset}`, ['faketime', '-f', offset, ...jest(project)], env);
  }
}
