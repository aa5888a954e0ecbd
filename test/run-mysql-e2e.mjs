// Runs the e2e suite a second time on MariaDB/MySQL when TEST_MYSQL_URL is set (each test file creates and drops
// its own database on that server). Without it the run is skipped, so `npm test` passes on a machine without MariaDB.
import { spawnSync } from 'node:child_process';

if (!process.env.TEST_MYSQL_URL) {
  console.log('TEST_MYSQL_URL is not set: the MariaDB e2e run is skipped (set it to mysql://root@127.0.0.1:3306/test to include it).');
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--selectProjects', 'e2e', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, TEST_DB: 'mysql' } },
);
process.exit(result.status ?? 1);
