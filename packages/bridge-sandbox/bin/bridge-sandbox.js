#!/usr/bin/env node
// The `bridge-sandbox` command. It runs the built CLI (src/sandbox.cli.ts), so that npm can link this command at
// install time, before any build.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/sandbox.cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'The Bridge sandbox is not built: run "npm run build -w @telecollecte/bridge-sandbox" (or "npm run sandbox" from the repository root).',
  );
  process.exit(1);
}
await import(cli.href);
