import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext } from 'playwright-core';

import { launchBrowser, screenshot } from '../e2e/utils/browser.js';
import { freePort, REPO_ROOT, startService, type ServiceProcess } from '../support/processes.js';

/** The shell blocks of the README's tour, each announced by a `<!-- tour -->` line, in order. */
function tourBlocks(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/<!-- tour -->\n```bash\n([\s\S]*?)\n```/g)].map((match) => match[1]!);
}

/** One bash, as the reader's terminal: the variables of a block stay for the next ones. */
class Terminal {
  private readonly shell: ChildProcessWithoutNullStreams;
  private output = '';
  private errors = '';

  constructor(cwd: string, env: Record<string, string>) {
    this.shell = spawn('bash', ['--noprofile', '--norc'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.shell.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.shell.stderr.on('data', (chunk: Buffer) => (this.errors += chunk.toString()));
  }

  /** Pastes a block and returns what it printed, one entry per non-empty line. */
  async paste(block: string): Promise<string[]> {
    const marker = `__tour_block_done_${Math.random().toString(36).slice(2)}`;
    const start = this.output.length;
    this.shell.stdin.write(`${block}\necho ${marker}\n`);
    const deadline = Date.now() + 60_000;
    while (!this.output.includes(marker, start)) {
      if (Date.now() > deadline || this.shell.exitCode !== null) {
        throw new Error(
          `the block did not finish:\n${block}\n--- stdout\n${this.output.slice(start)}\n--- stderr\n${this.errors}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const printed = this.output.slice(start, this.output.indexOf(marker, start));
    return printed.split('\n').filter((line) => line.trim() !== '');
  }

  stderr(): string {
    return this.errors;
  }

  close(): void {
    this.shell.kill();
  }
}

describe('the README tour, pasted as written on a fresh embedded service', () => {
  let dataDir: string;
  /** The reader's working directory, where `curl -OJ` saves the FEC. */
  let terminalDir: string;
  let service: ServiceProcess;
  let browser: BrowserContext;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tcb-tour-'));
    terminalDir = mkdtempSync(join(tmpdir(), 'tcb-tour-terminal-'));
    const port = await freePort();
    // The tour's dates come from the reader's `date`: the service runs on the machine's time too.
    service = await startService({
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://localhost:${port}`,
      CLOCK_START: new Date().toISOString(),
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(terminalDir, { recursive: true, force: true });
  });

  /** What the reader does with the funnel's URL: BNP Paribas, demo/demo, the SCA code shown; returns the heading. */
  async function connectInBrowser(connectUrl: string, shot: string): Promise<string> {
    expect(connectUrl).toMatch(/^http:\/\/localhost:\d+\/bridge-sandbox\/connect\/session\//);
    const page = await browser.newPage();
    await page.goto(connectUrl);
    await page.locator('#bank-574').click();
    await page.fill('input[name="login"]', 'demo');
    await page.fill('input[name="password"]', 'demo');
    await page.locator('#credentials-form button').click();
    const code = await page.locator('#sca-code').textContent();
    await page.fill('#sca-form input[name="code"]', code!);
    await page.locator('#sca-form button').click();
    const heading = (await page.locator('#status[data-synchro="synced"]').textContent())!.trim();
    await screenshot(page, shot);
    await page.close();
    return heading;
  }

  it('should reach a synced statement with its lines, for the demo and for a company made from scratch', async () => {
    const blocks = tourBlocks();
    expect(blocks).toHaveLength(5);
    const terminal = new Terminal(terminalDir, { PORT: new URL(service.url).port, DATA_DIR: dataDir });
    try {
      expect(await terminal.paste(blocks[0]!)).toEqual([]);

      const [demoUrl] = (await terminal.paste(blocks[1]!)) as [string];
      const demoHeading = await connectInBrowser(demoUrl, 'tour-demo-callback');
      const demoImported = Number(/^Banque connectée : (\d+) opérations? importées?$/.exec(demoHeading)?.[1]);
      expect(demoImported).toBeGreaterThan(0);

      const printedByDemo = await terminal.paste(blocks[2]!);
      expect(printedByDemo).toHaveLength(5);
      const [total, importedAgain, posted, entryLines, logs] = printedByDemo as [
        string,
        string,
        string,
        string,
        string,
      ];
      expect(Number(total)).toBe(demoImported);
      expect(importedAgain).toBe('0');
      expect(Number(posted)).toBe(demoImported);
      expect(JSON.parse(entryLines)).toEqual(expect.arrayContaining([expect.objectContaining({ account: '512000' })]));
      expect(Number(logs)).toBeGreaterThan(0);
      // `curl -OJ` saved the FEC under the name the service gives it.
      expect(readdirSync(terminalDir).filter((name) => /^100000009FEC\d{8}\.txt$/.test(name))).toHaveLength(1);

      const printed = await terminal.paste(blocks[3]!);
      const connectUrl = printed.at(-1)!;
      // The Bridge configuration made from the sandbox's test client is accepted (its id is printed).
      expect(Number(printed[0])).toBeGreaterThan(0);
      const heading = await connectInBrowser(connectUrl, 'tour-new-company-callback');
      const imported = Number(/^Banque connectée : (\d+) opérations? importées?$/.exec(heading)?.[1]);
      expect(imported).toBeGreaterThan(0);

      const [lines, balanceEnd] = (await terminal.paste(blocks[4]!)) as [string, string];
      expect(Number(lines)).toBe(imported);
      expect(balanceEnd).toMatch(/^-?\d+\.\d{2}$/);
      expect(terminal.stderr()).toBe('');
    } finally {
      terminal.close();
    }
  }, 180_000);
});
