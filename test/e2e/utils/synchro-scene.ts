import { expect } from '@jest/globals';
import { driveConnectFunnel } from '@telecollecte/bridge-sandbox';

import type { BridgeVersion } from '../../../src/bridge-config/bridge-config.entity.js';
import { sandboxControl, type SandboxServer } from '../../support/sandbox-control.js';
import type { TestApp } from './test-app.js';

export interface PreviewAccount {
  id: number;
  type: string;
  name: string;
  iban: string | null;
}

export interface SynchroScene {
  companyId: number;
  configId: number;
  userId: number;
  email: string;
  bankAccountId: number;
  statementId: number;
  checking: PreviewAccount;
  accounts: PreviewAccount[];
  sync(body?: Record<string, unknown>): Promise<Record<string, unknown> & { status: string }>;
  /**
   * Runs the Synchro, which asks for the funnel, and goes through it at Bridge without coming back through the callback
   * (which would run the Synchro): the bank is connected and nothing is imported yet.
   */
  connectAtBridge(): Promise<void>;
  /** Runs the Synchro, goes through the funnel and comes back through the callback, which imports: its page. */
  connect(): Promise<string>;
}

/** A company ready for the Synchro against the sandbox: subscription on, Bridge configuration, user, journal, statement. */
export async function synchroScene(
  t: TestApp,
  sandbox: Pick<SandboxServer, 'url' | 'controlToken'>,
  options: {
    version: BridgeVersion;
    email: string;
    providerId?: number;
    bankAccount?: Record<string, unknown>;
    statement?: Record<string, unknown>;
  },
): Promise<SynchroScene> {
  const api = t.api();
  const providerId = options.providerId ?? 574;
  const company = await api
    .post('/api/v1/companies', { name: `Client ${options.email}`, subscriptionActive: true })
    .expect(201);
  const companyId = company.body.id as number;
  const config = await api
    .post('/api/v1/bridge-configs', {
      companyIds: [companyId],
      name: 'Sandbox',
      url: sandbox.url,
      version: options.version,
      clientId: 'sandbox-client-id',
      clientSecret: 'sandbox-client-secret',
    })
    .expect(201);
  const user = await api
    .post('/api/v1/users', {
      companyId,
      name: 'Claire Dupont',
      login: `u${Date.now()}${Math.random()}`.slice(0, 40),
      email: options.email,
    })
    .expect(201);
  const preview = await sandboxControl(sandbox.url, sandbox.controlToken).post<{ accounts: PreviewAccount[] }>(
    '/preview-accounts',
    { userKey: options.email, providerId },
  );
  const checking = preview.accounts.find((account) => account.type === 'checking')!;
  const bankAccount = await api
    .post('/api/v1/bank-accounts', {
      companyId,
      journalCode: 'BQ1',
      journalName: 'Banque',
      iban: checking.iban,
      ...options.bankAccount,
    })
    .expect(201);
  const statement = await api
    .post('/api/v1/statements', { bankAccountId: bankAccount.body.id, dateStart: '2026-11-01', ...options.statement })
    .expect(201);

  const sync = async (body: Record<string, unknown> = {}) => {
    const response = await api.post(`/api/v1/statements/${statement.body.id}/sync`, { userId: user.body.id, ...body });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: expect.anything() });
    return response.body as Record<string, unknown> & { status: string };
  };

  const funnel = async (): Promise<string> => {
    const first = await sync();
    expect(first.status).toBe('connect_required');
    return (await driveConnectFunnel(first.connectUrl as string, { providerId })).location!;
  };

  return {
    companyId,
    configId: config.body.id,
    userId: user.body.id,
    email: options.email,
    bankAccountId: bankAccount.body.id,
    statementId: statement.body.id,
    checking,
    accounts: preview.accounts,
    sync,
    connectAtBridge: async () => {
      await funnel();
    },
    connect: async () => {
      const callback = new URL(await funnel());
      return (await t.api(null).get(`${callback.pathname}${callback.search}`).expect(200)).text;
    },
  };
}
