import { parse } from 'lossless-json';

import type { SandboxServer } from '../../support/sandbox-control.js';
import type { PreviewAccount } from './synchro-scene.js';
import type { TestApp } from './test-app.js';

/**
 * One operation as the Bridge sandbox serves it: the fixture the option tests derive their expected lines from (named
 * like the fields of a statement line). Dates Bridge leaves out are null.
 */
export interface SandboxOperation {
  bridgeTransactionId: number;
  bridgeAccountId: number;
  accountType: string;
  accountIban: string | null;
  amount: string;
  date: string;
  bookingDate: string | null;
  transactionDate: string | null;
  valueDate: string | null;
  originalLabel: string;
  cleanLabel: string;
  /** Bridge's `operation_type` (`card`, `deferred_debit_card`, …), as the 2025-01-15 version sends it. */
  operationType: string | null;
  future: boolean;
  deleted: boolean;
}

const HEADERS = {
  'Client-Id': 'sandbox-client-id',
  'Client-Secret': 'sandbox-client-secret',
  'Bridge-Version': '2025-01-15',
  'Content-Type': 'application/json',
};

/**
 * Every operation the sandbox holds on the accounts of a scene's bank, deleted ones included, read from the sandbox
 * itself over HTTP: its 2025-01-15 listing with `since` (which carries every field), whatever version the scene uses.
 * The sandbox's Bridge user is the one the scene's company logged (its uuid, from the connection log). Nothing here
 * reads the product's mirror, nor imports the sandbox's code.
 */
export async function sandboxOperations(
  t: TestApp,
  sandbox: Pick<SandboxServer, 'url'>,
  scene: { companyId: number; accounts: PreviewAccount[] },
): Promise<SandboxOperation[]> {
  const log = await t.api().get(`/api/v1/connection-logs?companyId=${scene.companyId}&limit=500`).expect(200);
  const userUuid = (log.body.items as { bridgeUserUuid: string | null }[]).find(
    (entry) => entry.bridgeUserUuid,
  )?.bridgeUserUuid;
  if (!userUuid) throw new Error(`company ${scene.companyId} has no Bridge user in its connection log yet`);
  const token = await fetch(`${sandbox.url}/v3/aggregation/authorization/token`, {
    method: 'POST',
    headers: HEADERS,
    body: JSON.stringify({ user_uuid: userUuid }),
  });
  if (!token.ok)
    throw new Error(`the sandbox refused a token for user ${userUuid}: ${token.status} ${await token.text()}`);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };

  const accounts = new Map(scene.accounts.map((account) => [account.id, account]));
  const operations: SandboxOperation[] = [];
  let next: string | null =
    `/v3/aggregation/transactions?since=${encodeURIComponent('1970-01-01T00:00:00Z')}&limit=500`;
  while (next) {
    const page = await fetch(`${sandbox.url}${next}`, {
      headers: { ...HEADERS, Authorization: `Bearer ${accessToken}` },
    });
    if (!page.ok) throw new Error(`the sandbox answered ${page.status} to ${next}: ${await page.text()}`);
    // Numbers as their JSON text: amounts stay exact.
    const body = parse(await page.text(), null, (text: string) => text) as {
      resources: Record<string, unknown>[];
      pagination: { next_uri: string | null };
    };
    for (const row of body.resources) {
      const account = accounts.get(Number(row.account_id));
      if (!account) continue; // another bank of the same user: not this scene's
      operations.push({
        bridgeTransactionId: Number(row.id),
        bridgeAccountId: account.id,
        accountType: account.type,
        accountIban: account.iban,
        amount: twoDecimals(row.amount as string),
        date: row.date as string,
        bookingDate: (row.booking_date as string | undefined) ?? null,
        transactionDate: (row.transaction_date as string | undefined) ?? null,
        valueDate: (row.value_date as string | undefined) ?? null,
        originalLabel: row.provider_description as string,
        cleanLabel: row.clean_description as string,
        operationType: (row.operation_type as string | undefined) ?? null,
        future: row.future === true,
        deleted: row.deleted === true,
      });
    }
    next = body.pagination.next_uri;
  }
  return operations.sort((a, b) => a.bridgeTransactionId - b.bridgeTransactionId);
}

/** A JSON number's text ("-12.3", "5") as an amount with two decimals ("-12.30", "5.00"). */
function twoDecimals(text: string): string {
  const [units, cents = ''] = text.split('.');
  if (!/^-?\d+$/.test(units!) || !/^\d{0,2}$/.test(cents))
    throw new Error(`not an amount with at most 2 decimals: ${text}`);
  return `${units}.${cents.padEnd(2, '0')}`;
}
