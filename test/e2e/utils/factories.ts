import { expect } from '@jest/globals';

import type { ApiClient } from './test-app.js';

/** Builders that go through the REST API, so that every rule applies as for an ERP. */
export async function newCompany(api: ApiClient, overrides: Record<string, unknown> = {}): Promise<{ id: number }> {
  const response = await api.post('/api/v1/companies', { name: 'Boulangerie Martin', ...overrides });
  expect(response.status).toBe(201);
  return response.body as { id: number };
}

export async function newBankAccount(
  api: ApiClient,
  companyId: number,
  overrides: Record<string, unknown> = {},
): Promise<{ id: number }> {
  const response = await api.post('/api/v1/bank-accounts', {
    companyId,
    journalCode: `BQ${Math.floor(Math.random() * 1e6)}`,
    journalName: 'Banque',
    iban: 'FR7630006000011234567890189',
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body as { id: number };
}

export async function newStatement(
  api: ApiClient,
  bankAccountId: number,
  overrides: Record<string, unknown> = {},
): Promise<{ id: number }> {
  const response = await api.post('/api/v1/statements', { bankAccountId, dateStart: '2026-11-01', ...overrides });
  expect(response.status).toBe(201);
  return response.body as { id: number };
}
