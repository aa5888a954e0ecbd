// Runs every test of the given spec files alone, one Jest process per test (`-t "^<its full name>$"`), to prove that
// no test needs another one to have run first. Prints passed/failed per test and a total; exits 1 when one fails.
//
//   npm run test:alone -- admin/locale/fr.spec.ts src/synchro          # files or folders, any project
//   npm run test:alone -- --project unit                               # every file of a project
//   TEST_DB=mysql TEST_MYSQL_URL=… npm run test:alone -- test/e2e/statements.e2e-spec.ts
//
// The tests are listed by a Jest run whose name pattern matches nothing: Jest then reports each test as skipped,
// with its full name, without running a single hook. The project of a file comes from its name (`.e2e-spec.ts`,
// `.rel-spec.ts`, else unit). e2e and reliability tests run on SQLite unless TEST_DB says otherwise; the e2e and
// reliability tests that spawn the built service need `npm run build` first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const args = process.argv.slice(2);
const projectArgs = [];
const paths = [];
for (let index = 0; index < args.length; index++) {
  if (args[index] === '--project') projectArgs.push(args[++index]);
  else if (args[index].startsWith('--project=')) projectArgs.push(args[index].slice('--project='.length));
  else paths.push(args[index]);
}
if (paths.length === 0 && projectArgs.length === 0) {
  console.error('usage: node test/each-alone.mjs [--project unit|e2e|reliability] [spec files or folders…]');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'each-alone-'));
const env = { ...process.env, TEST_DB: process.env.TEST_DB ?? 'sqlite' };

function jest(project, extra) {
  const outputFile = join(scratch, 'result.json');
  rmSync(outputFile, { force: true });
  const command = [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '--selectProjects',
    project,
    '--json',
    '--outputFile',
    outputFile,
    ...extra,
  ];
  const run = spawnSync(process.execPath, command, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let report = null;
  try {
    report = JSON.parse(readFileSync(outputFile, 'utf8'));
  } catch {
    // No report: Jest itself failed (a syntax error, a bad option); its output says why.
  }
  return { report, output: `${run.stdout}${run.stderr}` };
}

const projectOf = (file) =>
  file.endsWith('.e2e-spec.ts') ? 'e2e' : file.endsWith('.rel-spec.ts') ? 'reliability' : 'unit';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Lists the tests of the selection: a name pattern that no name matches makes Jest skip every test and hook.
function list(project, selection) {
  const { report, output } = jest(project, ['--testNamePattern', 'a^', '--', ...selection]);
  if (!report) {
    console.error(`Could not list the ${project} tests:\n${output}`);
    process.exit(2);
  }
  const runtimeErrors = report.testResults.filter((file) => file.status === 'failed');
  for (const file of runtimeErrors)
    console.error(`Could not load ${relative(process.cwd(), file.name)}:\n${file.message}`);
  if (runtimeErrors.length > 0) process.exit(2);
  return report.testResults.flatMap((file) =>
    file.assertionResults.map((test) => ({
      project,
      file: relative(process.cwd(), file.name),
      fullName: test.fullName,
    })),
  );
}

// A file's project comes from its name, a folder's from where it is; `--project` names it for every path, or alone
// selects the whole project.
const projectOfPath = (path) =>
  /\.(e2e|rel)-spec\.ts$|\.spec\.ts$/.test(path)
    ? projectOf(path)
    : path.includes('e2e')
      ? 'e2e'
      : path.includes('reliability')
        ? 'reliability'
        : 'unit';
const selections = new Map();
if (paths.length === 0) for (const project of projectArgs) selections.set(project, []);
for (const path of paths) {
  for (const project of projectArgs.length > 0 ? projectArgs : [projectOfPath(path)]) {
    selections.set(project, [...(selections.get(project) ?? []), path]);
  }
}

const tests = [...selections].flatMap(([project, selection]) => list(project, selection));
const names = new Map();
for (const test of tests)
  names.set(`${test.file}\n${test.fullName}`, (names.get(`${test.file}\n${test.fullName}`) ?? 0) + 1);
console.log(`${tests.length} tests in ${new Set(tests.map((test) => test.file)).size} files, each run alone:\n`);

const failures = [];
let passed = 0;
let skipped = 0;
const started = Date.now();
for (const test of tests) {
  const began = Date.now();
  const { report, output } = jest(test.project, [
    '--testNamePattern',
    `^${escape(test.fullName)}$`,
    '--runTestsByPath',
    test.file,
  ]);
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  const all = report?.testResults.flatMap((file) => file.assertionResults) ?? [];
  const results = all.filter((result) => result.status !== 'pending' && result.status !== 'todo');
  // A test skipped by the file itself (`it.skip`, a describe for the other engine) stays skipped when run alone.
  if (report?.success && results.length === 0 && all.some((result) => result.fullName === test.fullName)) {
    skipped++;
    console.log(`skipped ${test.file} › ${test.fullName} (skipped by its file)`);
    continue;
  }
  // The test must have run (a name pattern that matched nothing would "pass" with zero tests) and passed, and so must
  // the file's hooks (a failing afterAll fails the file, not the test).
  const ok =
    report !== null && report.success && results.length >= 1 && results.every((result) => result.status === 'passed');
  const shared = names.get(`${test.file}\n${test.fullName}`) > 1 ? ' (name shared with another test: both ran)' : '';
  console.log(`${ok ? 'passed' : 'FAILED'}  ${test.file} › ${test.fullName}  (${seconds} s)${shared}`);
  if (ok) passed++;
  else {
    failures.push(test);
    const messages = results.flatMap((result) => result.failureMessages);
    const fileMessages = report?.testResults.map((file) => file.message).filter(Boolean) ?? [];
    const why = [...messages, ...fileMessages].join('\n') || (results.length === 0 ? 'no test ran' : output);
    console.log(
      why
        .split('\n')
        .slice(0, 30)
        .map((line) => `        ${line}`)
        .join('\n'),
    );
  }
}
rmSync(scratch, { recursive: true, force: true });

const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(
  `\n${passed} passed, ${failures.length} failed, ${skipped} skipped by their file, ${tests.length} tests run alone (${minutes} min)`,
);
for (const test of failures) console.log(`  failed alone: ${test.file} › ${test.fullName}`);
process.exit(failures.length > 0 ? 1 : 0);
