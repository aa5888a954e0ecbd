import createClient, { type Middleware } from 'openapi-fetch';

import type { components, paths } from './openapi.js';

/**
 * What an ERP writes with a client generated from /api/docs (openapi-typescript + openapi-fetch): the whole tour,
 * calling every operation of the contract once at least. `npm run typecheck` compiles it against the checked-in
 * types (test/contract/openapi.d.ts); test/e2e/openapi-contract.e2e-spec.ts drives it against the app and fails when an
 * operation of the document is not called here.
 */

/** The user who connects the bank (the sandbox derives its accounts from this e-mail). */
export const TOUR_USER_EMAIL = 'paul.leroy@menuiserie.fr';

export interface TourOptions {
  /** The service's origin, e.g. http://localhost:3000 (the API is under the document's server, /api/v1). */
  origin: string;
  apiKey: string;
  /** The Bridge API the company's configuration points at (the sandbox in the tests). */
  bridgeUrl: string;
  /** The editor's Bridge application credentials. */
  bridgeClientId: string;
  bridgeClientSecret: string;
  /** The IBAN of the bank account to feed (an account the user will connect in the funnel). */
  iban: string;
  /** The user's browser: opens Bridge's funnel and comes back through the callback. */
  openFunnel(connectUrl: string): Promise<void>;
  /** Every answer the tour received. */
  onResponse?(call: TourCall): void;
}

export interface TourCall {
  method: string;
  /** The document's path template, e.g. /statements/{id}. */
  path: string;
  status: number;
  /** The error code of a 4xx/5xx answer. */
  code: string | null;
}

export interface TourResult {
  companyId: number;
  statementId: number;
  imported: number;
  posted: number;
}

type ErrorResponse = components['schemas']['ErrorResponse'];

/** Stops the tour with what the service said. */
function check<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.error !== undefined || result.data === undefined) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/** An answer that must be this error. */
function refused(result: { error?: unknown; response: Response }, code: ErrorResponse['code'], what: string): void {
  const error = result.error as ErrorResponse | undefined;
  if (error?.code !== code) throw new Error(`${what}: expected ${code}, got HTTP ${result.response.status}`);
}

export async function erpTour(options: TourOptions): Promise<TourResult> {
  const record: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      let code: string | null = null;
      if (response.status >= 400) {
        const body = (await response.clone().json()) as ErrorResponse;
        code = body.code;
      }
      options.onResponse?.({ method: request.method.toLowerCase(), path: schemaPath, status: response.status, code });
      return response;
    },
  };
  const headers = { Authorization: `Bearer ${options.apiKey}` };
  const api = createClient<paths>({ baseUrl: `${options.origin}/api/v1`, headers });
  api.use(record);
  // /health is outside the API's base path: its operation carries its own server, "/".
  const root = createClient<paths>({ baseUrl: options.origin });
  root.use(record);

  check(await root.GET('/health'), 'health');

  // The client company, its Bridge configuration and its user.
  const company = check(
    await api.POST('/companies', { body: { name: 'Menuiserie Leroy', subscriptionActive: true } }),
    'create company',
  );
  const companyId = company.id;
  check(await api.GET('/companies', { params: { query: { limit: 10 } } }), 'list companies');
  check(await api.GET('/companies/{id}', { params: { path: { id: companyId } } }), 'get company');
  check(
    await api.PATCH('/companies/{id}', { params: { path: { id: companyId } }, body: { siren: '100000009' } }),
    'update company',
  );
  refused(await api.GET('/companies/{id}', { params: { path: { id: 999_999 } } }), 'company.not_found', 'unknown');

  const config = check(
    await api.POST('/bridge-configs', {
      body: {
        companyIds: [companyId],
        name: 'Bridge',
        url: options.bridgeUrl,
        clientId: options.bridgeClientId,
        clientSecret: options.bridgeClientSecret,
      },
    }),
    'create Bridge configuration',
  );
  check(await api.GET('/bridge-configs', { params: { query: { companyId } } }), 'list Bridge configurations');
  check(await api.GET('/bridge-configs/{id}', { params: { path: { id: config.id } } }), 'get Bridge configuration');
  check(
    await api.PATCH('/bridge-configs/{id}', { params: { path: { id: config.id } }, body: { name: 'Bridge (prod)' } }),
    'update Bridge configuration',
  );

  const user = check(
    await api.POST('/users', {
      body: { companyId, name: 'Paul Leroy', login: 'pleroy', email: TOUR_USER_EMAIL },
    }),
    'create user',
  );
  check(await api.GET('/users', { params: { query: { companyId } } }), 'list users');
  check(await api.GET('/users/{id}', { params: { path: { id: user.id } } }), 'get user');
  check(
    await api.PATCH('/users/{id}', { params: { path: { id: user.id } }, body: { name: 'Paul Leroy (gérant)' } }),
    'update user',
  );

  // The journal and its counterpart rule.
  const account = check(
    await api.POST('/bank-accounts', {
      body: { companyId, journalCode: 'BQ1', journalName: 'Banque', iban: options.iban },
    }),
    'create bank account',
  );
  check(await api.GET('/bank-accounts', { params: { query: { companyId } } }), 'list bank accounts');
  check(await api.GET('/bank-accounts/{id}', { params: { path: { id: account.id } } }), 'get bank account');
  check(
    await api.PATCH('/bank-accounts/{id}', {
      params: { path: { id: account.id } },
      body: { journalName: 'Banque principale' },
    }),
    'update bank account',
  );

  const rule = check(
    await api.POST('/counterpart-rules', {
      body: { companyId, name: 'Frais', labelContains: 'frais', account: '627000', accountLabel: 'Frais bancaires' },
    }),
    'create counterpart rule',
  );
  check(await api.GET('/counterpart-rules', { params: { query: { companyId } } }), 'list counterpart rules');
  check(await api.GET('/counterpart-rules/{id}', { params: { path: { id: rule.id } } }), 'get counterpart rule');
  check(
    await api.PATCH('/counterpart-rules/{id}', { params: { path: { id: rule.id } }, body: { priority: 10 } }),
    'update counterpart rule',
  );
  const spare = check(
    await api.POST('/counterpart-rules', {
      body: { companyId, name: 'Inutile', labelContains: 'zzz', account: '471000', accountLabel: 'Attente' },
    }),
    'create a second rule',
  );
  const deleted = await api.DELETE('/counterpart-rules/{id}', { params: { path: { id: spare.id } } });
  if (deleted.response.status !== 204) throw new Error(`delete counterpart rule: HTTP ${deleted.response.status}`);

  // The statement, the Synchro through the funnel, the lines.
  const statement = check(
    await api.POST('/statements', { body: { bankAccountId: account.id, dateStart: '2026-11-01' } }),
    'create statement',
  );
  check(await api.GET('/statements', { params: { query: { companyId, state: 'open' } } }), 'list statements');
  check(await api.GET('/statements/{id}', { params: { path: { id: statement.id } } }), 'get statement');
  check(
    await api.PATCH('/statements/{id}', {
      params: { path: { id: statement.id } },
      body: { name: 'Relevé BQ1 novembre 2026' },
    }),
    'update statement',
  );

  const sync = () =>
    api.POST('/statements/{id}/sync', { params: { path: { id: statement.id } }, body: { userId: user.id } });
  const first = check(await sync(), 'first Synchro');
  if (first.status === 'connect_required') {
    await options.openFunnel(first.connectUrl);
  } else {
    throw new Error(`first Synchro: expected connect_required, got ${first.status}`);
  }
  // The callback ran the Synchro already: this one finds nothing new.
  const synced = check(await sync(), 'Synchro');
  if (synced.status !== 'synced') throw new Error(`Synchro: expected synced, got ${synced.status}`);
  if (synced.imported !== 0) throw new Error(`Synchro after the callback: ${synced.imported} imported again`);
  refused(
    await api.POST('/statements/{id}/sync/link', {
      params: { path: { id: statement.id } },
      body: { userId: user.id, bridgeAccountId: 999_999 },
    }),
    'bank_account.bridge_account_unknown',
    'link an account the user does not share',
  );

  const lines = check(
    await api.GET('/statements/{id}/lines', { params: { path: { id: statement.id }, query: { limit: 500 } } }),
    'list lines',
  );
  if (!('total' in lines)) throw new Error('list lines: the changes feed answered a plain listing');
  const amounts: string[] = lines.items.map((line) => line.amount);
  const imported = amounts.length;
  if (imported === 0) throw new Error('lines: none imported by the callback');
  // The ERP's way to follow the statement: every line once, as created, from the start of the feed.
  const changes = check(
    await api.GET('/statements/{id}/lines', {
      params: { path: { id: statement.id }, query: { changedSince: '0', limit: 500 } },
    }),
    'changes feed',
  );
  // Both answers carry a nextCursor; only the plain listing has a total.
  if ('total' in changes) throw new Error('changes feed: answered a plain listing');
  if (changes.items.filter((change) => change.change === 'created').length !== imported)
    throw new Error(`changes feed: ${changes.items.length} changes for ${imported} lines`);
  check(await api.GET('/bank-accounts/{id}/balance-check', { params: { path: { id: account.id } } }), 'balance check');

  // Posting, entries, bank changes (none here: both answers are refusals).
  const posting = check(
    await api.POST('/statements/{id}/post', { params: { path: { id: statement.id } }, body: {} }),
    'post',
  );
  const entries = check(
    await api.GET('/entries', { params: { query: { statementId: statement.id, limit: 500 } } }),
    'list entries',
  );
  const firstEntry = entries.items[0];
  if (firstEntry) check(await api.GET('/entries/{id}', { params: { path: { id: firstEntry.id } } }), 'get entry');
  else refused(await api.GET('/entries/{id}', { params: { path: { id: 999_999 } } }), 'entry.not_found', 'entry');
  const line = lines.items[0];
  const lineId = line?.id ?? 999_999;
  const bankChange = { params: { path: { id: statement.id, lineId } }, body: { comment: 'vu' } };
  const noChange = line ? 'line.no_bank_change' : 'statement_line.not_found';
  refused(await api.POST('/statements/{id}/lines/{lineId}/accept-bank-change', bankChange), noChange, 'accept');
  refused(await api.POST('/statements/{id}/lines/{lineId}/reject-bank-change', bankChange), noChange, 'reject');

  // Exports.
  const years = check(await api.GET('/fiscal-years', { params: { query: { companyId } } }), 'list fiscal years');
  const year = years.items[0];
  if (!year) throw new Error('posting opened no fiscal year');
  check(await api.GET('/fiscal-years/{id}', { params: { path: { id: year.id } } }), 'get fiscal year');
  const fecQuery = { params: { path: { id: companyId }, query: { fiscalYear: year.year } }, parseAs: 'text' as const };
  check(await api.GET('/companies/{id}/fec', fecQuery), 'FEC');
  check(await api.GET('/companies/{id}/fec/description', fecQuery), 'FEC description');
  check(
    await api.GET('/statements/{id}/export', {
      params: { path: { id: statement.id }, query: { format: 'camt053' } },
      parseAs: 'text',
    }),
    'statement export',
  );

  // The logs Bridge requires, and the editor's billing.
  check(await api.GET('/connection-logs', { params: { query: { companyId } } }), 'connection logs');
  check(await api.GET('/api-logs', { params: { query: { companyId } } }), 'API logs');
  check(await api.POST('/billing/runs', { body: { period: '2026-10' } }), 'billing run');
  check(await api.GET('/billing/reports', { params: { query: { companyId } } }), 'billing reports');
  check(
    await api.GET('/billing/reports/export', { params: { query: { format: 'csv' } }, parseAs: 'text' }),
    'billing export',
  );

  // A key for the company's ERP (shown once), made idempotently, listed, read and revoked.
  const keyRequest = {
    body: { name: 'ERP Menuiserie Leroy', companyIds: [companyId] },
    headers: { 'Idempotency-Key': `tour-key-${companyId}` },
  };
  const created = check(await api.POST('/api-keys', keyRequest), 'create API key');
  const replayed = check(await api.POST('/api-keys', keyRequest), 'create API key again (same Idempotency-Key)');
  if (replayed.id !== created.id || replayed.key !== created.key) throw new Error('Idempotency-Key: a second key');
  check(await api.GET('/api-keys', { params: { query: { limit: 10 } } }), 'list API keys');
  check(await api.GET('/api-keys/{id}', { params: { path: { id: created.id } } }), 'get API key');
  check(await api.POST('/api-keys/{id}/revoke', { params: { path: { id: created.id } } }), 'revoke API key');

  // The month is over: the statement is closed, then the fiscal year (final).
  check(
    await api.PATCH('/statements/{id}', {
      params: { path: { id: statement.id } },
      body: { state: 'closed', forceClose: true, closeComment: 'Clôture de novembre' },
    }),
    'close statement',
  );
  check(
    await api.PATCH('/fiscal-years/{id}', { params: { path: { id: year.id } }, body: { state: 'closed' } }),
    'close fiscal year',
  );

  return { companyId, statementId: statement.id, imported, posted: posting.posted };
}
