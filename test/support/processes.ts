import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { testWorldClock } from './test-clock.js';

/** The repository root: the built service and tools are run from dist/, as `npm start` and the npm scripts do. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGKILL, as a crashed machine or `kill -9` would. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
  exited(): boolean;
}

/** Starts the built service (`node dist/src/main.js`, or `options.main`) in `cwd` and waits until /health answers. */
export async function startService(
  env: Record<string, string>,
  options: { cwd?: string; timeoutMs?: number; main?: string } = {},
): Promise<ServiceProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [options.main ?? join(REPO_ROOT, 'dist/src/main.js')], {
    cwd: options.cwd ?? REPO_ROOT,
    // Test sandboxes listen on 127.0.0.1: the allow-list names them, as an operator would for a local sandbox.
    // The service's clock tells the test world's time (sandboxes start at TEST_NOW), whatever the machine's date.
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CLOCK_START: testWorldClock.now().toISOString(),
      BRIDGE_ALLOWED_ORIGINS: 'https://api.bridgeapi.io,http://127.0.0.1:*',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the service exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not answer /health in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const waitExit = () =>
    new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
  return {
    url,
    child,
    output: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    kill9: async () => {
      child.kill('SIGKILL');
      await waitExit();
    },
    stop: async () => {
      child.kill('SIGTERM');
      await waitExit();
    },
  };
}

/** Runs a built tool (a path under dist/) to its end. */
export function runTool(
  script: string,
  args: string[],
  env: Record<string, string>,
  options: { cwd?: string; timeoutMs?: number } = {},
) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, script), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', CLOCK_START: testWorldClock.now().toISOString(), ...env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    output: `${result.stdout}\n${result.stderr}`,
  };
}
