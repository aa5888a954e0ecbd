import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';

import { freePort, REPO_ROOT, startService } from '../support/processes.js';
import { TEST_ENGINE } from './utils/test-app.js';

jest.setTimeout(60_000);

const SANDBOX_PACKAGE = '@telecollecte/bridge-sandbox';
const DIST = join(REPO_ROOT, 'dist');
/** What tsconfig.build.json compiles. */
const SERVICE_SOURCE = /^(?:(?:src|admin|scripts)\/.+|ormconfig)\.ts$/;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `import … from 'x'`, `import 'x'` and `export … from 'x'`: the specifiers a module loads as soon as it is loaded. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/^\s*(?:import|export)\s+(?:[^'"();]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map(
    (match) => match[1]!,
  );
}

/**
 * The service's build (`npm run build` → dist/) holds no sandbox code: the sandbox is the development dependency
 * packages/bridge-sandbox, which the zero-configuration demo loads with import() only when BRIDGE_SANDBOX is on.
 */
describe(`the production build without the Bridge sandbox (${TEST_ENGINE})`, () => {
  it('should hold no file compiled from the sandbox package, and no module importing it statically', () => {
    const files = filesUnder(DIST);
    const modules = files.filter((file) => file.endsWith('.js'));
    expect(modules.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const module of modules) {
      const name = relative(REPO_ROOT, module);
      if (!existsSync(`${module}.map`)) {
        problems.push(`${name}: no source map`);
        continue;
      }
      // Every module comes from a source of the service that exists today (a stale file of an older layout would not).
      const map = JSON.parse(readFileSync(`${module}.map`, 'utf8')) as { sources: string[] };
      for (const source of map.sources.map((entry) => relative(REPO_ROOT, resolve(dirname(module), entry)))) {
        if (!SERVICE_SOURCE.test(source)) problems.push(`${name}: compiled from ${source}`);
        else if (!existsSync(join(REPO_ROOT, source)))
          problems.push(`${name}: compiled from ${source}, which no longer exists`);
      }
      for (const specifier of staticImports(readFileSync(module, 'utf8'))) {
        if (specifier.startsWith(SANDBOX_PACKAGE) || specifier.includes('packages/'))
          problems.push(`${name}: imports ${specifier} statically`);
      }
    }
    expect(problems).toEqual([]);
    // The one place that loads it, on demand.
    expect(readFileSync(join(DIST, 'src/demo/bridge-sandbox.loader.js'), 'utf8')).toContain(
      `await import('${SANDBOX_PACKAGE}')`,
    );
  });

  describe('installed without the dev dependencies', () => {
    let install: string;
    let dataDir: string;

    // The built service with every installed package but the sandbox, as `npm ci --omit=dev` leaves it.
    beforeAll(() => {
      install = mkdtempSync(join(tmpdir(), 'tcb-production-install-'));
      cpSync(join(REPO_ROOT, 'package.json'), join(install, 'package.json'));
      cpSync(DIST, join(install, 'dist'), { recursive: true });
      for (const shared of ['admin', 'adminjs-bundle']) symlinkSync(join(REPO_ROOT, shared), join(install, shared));
      mkdirSync(join(install, 'node_modules'));
      for (const entry of readdirSync(join(REPO_ROOT, 'node_modules'))) {
        if (entry !== SANDBOX_PACKAGE.split('/')[0] && entry !== '.bin')
          symlinkSync(join(REPO_ROOT, 'node_modules', entry), join(install, 'node_modules', entry));
      }
    });

    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'tcb-production-data-'));
    });

    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
    afterAll(() => rmSync(install, { recursive: true, force: true }));

    it('should refuse to boot the zero-configuration demo, naming BRIDGE_SANDBOX, before creating the database', async () => {
      const port = String(await freePort());
      const run = spawnSync(process.execPath, [join(install, 'dist/src/main.js')], {
        cwd: install,
        env: { PATH: process.env.PATH ?? '', TZ: 'UTC', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: port },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'BRIDGE_SANDBOX: is on (the default with the embedded SQLite outside production) but the Bridge sandbox is not installed',
      );
      expect(run.stderr).toContain(`${SANDBOX_PACKAGE} is a development dependency`);
      expect(run.stderr).toContain('set BRIDGE_SANDBOX=off');
      expect(existsSync(join(dataDir, 'telecollecte.sqlite'))).toBe(false);
    });

    it('should start and serve without it when BRIDGE_SANDBOX is off', async () => {
      const service = await startService(
        { DATA_DIR: dataDir, NODE_ENV: 'development', BRIDGE_SANDBOX: 'off', DEMO_SEED: 'off' },
        { cwd: install, main: join(install, 'dist/src/main.js') },
      );
      try {
        expect((await fetch(`${service.url}/health`)).status).toBe(200);
        expect((await fetch(`${service.url}/bridge-sandbox/`)).status).toBe(404);
        expect((await fetch(`${service.url}/admin/login`)).status).toBe(200);
      } finally {
        await service.stop();
      }
      expect(service.output()).not.toContain('Bridge sandbox at');
    });
  });
});
