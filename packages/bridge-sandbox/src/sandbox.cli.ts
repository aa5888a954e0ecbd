/**
 * Standalone Bridge sandbox, run by the package's `bridge-sandbox` command (bin/), `npm run sandbox` from the repository root
 * (SANDBOX_PORT, default 4010; SANDBOX_HOST, default 127.0.0.1; SANDBOX_CONTROL_TOKEN, default a random token printed at start;
 * SANDBOX_SEED, default 42; SANDBOX_HISTORY_MONTHS, default 24; SANDBOX_TRANSACTIONS_PER_MONTH, default 30;
 * SANDBOX_RATE_LIMITS=off to disable Bridge's rate limits, e.g. for benchmarks).
 */
import { createBridgeSandbox, DEFAULT_CLIENT } from './sandbox.js';

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4010);
  const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
  const seed = process.env.SANDBOX_SEED !== undefined ? Number(process.env.SANDBOX_SEED) : undefined;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`SANDBOX_PORT must be a port number (got ${process.env.SANDBOX_PORT})`);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new Error(`SANDBOX_SEED must be an integer (got ${process.env.SANDBOX_SEED})`);

  const historyMonths =
    process.env.SANDBOX_HISTORY_MONTHS !== undefined ? Number(process.env.SANDBOX_HISTORY_MONTHS) : undefined;
  const transactionsPerMonth =
    process.env.SANDBOX_TRANSACTIONS_PER_MONTH !== undefined
      ? Number(process.env.SANDBOX_TRANSACTIONS_PER_MONTH)
      : undefined;
  for (const [name, value] of [
    ['SANDBOX_HISTORY_MONTHS', historyMonths],
    ['SANDBOX_TRANSACTIONS_PER_MONTH', transactionsPerMonth],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0))
      throw new Error(`${name} must be a non-negative integer (got ${process.env[name]})`);
  }

  const controlToken = process.env.SANDBOX_CONTROL_TOKEN || undefined;
  const sandbox = createBridgeSandbox({
    seed,
    historyMonths,
    transactionsPerMonth,
    controlToken,
    ...(process.env.SANDBOX_RATE_LIMITS === 'off' && { rateLimits: false }),
  });
  const server = await sandbox.listen(port, host);
  console.log(`Bridge sandbox listening on ${server.url}`);
  console.log(`  API URL (v2 and v3): ${server.url}`);
  console.log(`  Client-Id:     ${DEFAULT_CLIENT.clientId}`);
  console.log(`  Client-Secret: ${DEFAULT_CLIENT.clientSecret}`);
  console.log(`  Control API:   ${server.url}/__sandbox/state (Authorization: Bearer <control token>)`);
  // The operator's own console: the token is printed only when it was generated here, never when it came from the environment.
  if (!controlToken) console.log(`  Control token: ${sandbox.controlToken} (set SANDBOX_CONTROL_TOKEN to choose it)`);

  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
