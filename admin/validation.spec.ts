import { describe, expect, it } from '@jest/globals';

import { CreateBankAccountDto } from '../src/bank-accounts/dto/bank-account.dto.js';
import { CreateBridgeConfigDto } from '../src/bridge-config/dto/bridge-config.dto.js';
import { BridgeRateLimitedError } from '../src/bridge/bridge.errors.js';
import { ConflictError } from '../src/common/errors/domain-errors.js';
import { ERROR_CODES } from '../src/common/errors/error-codes.js';
import { DatabaseLockTimeoutError } from '../src/database/db-lock.js';
import { DatabaseBusyError } from '../src/database/mysql-pool.js';
import { refusalOf, validatePayload } from './validation.js';

describe('back-office field messages', () => {
  it('should say in French that a required text is missing, with its limit', async () => {
    const { errors } = await validatePayload(CreateBridgeConfigDto, {
      companyIds: [1],
      name: '',
      clientId: 'c',
      clientSecret: 's',
    });
    expect(errors.name).toEqual({ message: 'Champ obligatoire.' });
  });

  it('should say "Champ obligatoire" of any empty required field, and give the rule of a filled one', async () => {
    const empty = await validatePayload(CreateBankAccountDto, { companyId: 1, journalCode: '', journalName: 'Banque' });
    expect(empty.errors.journalCode).toEqual({ message: 'Champ obligatoire.' });
    const wrong = await validatePayload(CreateBankAccountDto, { companyId: 1, journalCode: 'BQ/1', journalName: 'B' });
    expect(wrong.errors.journalCode?.message).toMatch(/^Code journal : 1 à 16 majuscules/);
    const long = await validatePayload(CreateBridgeConfigDto, {
      companyIds: [1],
      name: 'x'.repeat(201),
      clientId: 'c',
      clientSecret: 's',
    });
    expect(long.errors.name).toEqual({ message: 'Champ obligatoire (200 caractères au plus).' });
  });

  it('should explain the API URL rule, including the version path', async () => {
    const { errors } = await validatePayload(CreateBridgeConfigDto, {
      companyIds: [1],
      name: 'B',
      url: 'https://api.bridgeapi.io/v3/aggregation',
      clientId: 'c',
      clientSecret: 's',
    });
    expect(errors.url?.message).toMatch(/^URL de l’API/);
  });

  it('should give the bounds of an integer field in French figures', async () => {
    const { errors } = await validatePayload(CreateBankAccountDto, {
      companyId: 1,
      journalCode: 'BQ1',
      journalName: 'Banque',
      bridgeBankId: 1e20,
    });
    expect(errors.bridgeBankId?.message).toMatch(/^Nombre entier attendu, entre 1 et 9\s007\s199\s254\s740\s991\.$/);
  });
});

describe('back-office refusals', () => {
  it('should take the French message of a refusal from the code table, on its field', () => {
    expect(
      refusalOf(
        new ConflictError('journal_code.taken', 'journalCode: journal BQ1 already exists in company 1', 'journalCode'),
      ),
    ).toEqual({
      code: 'journal_code.taken',
      field: 'journalCode',
      message: ERROR_CODES['journal_code.taken'].fr,
    });
  });

  it('should explain Bridge, lock and pool failures without a field', () => {
    expect(refusalOf(new BridgeRateLimitedError('Bridge limits the number of requests', 30))).toEqual({
      code: 'bridge.rate_limited',
      field: null,
      message: ERROR_CODES['bridge.rate_limited'].fr,
    });
    expect(refusalOf(new DatabaseLockTimeoutError('sync.busy', 'Bank account 1 (journal BQ1) is busy'))?.message).toBe(
      ERROR_CODES['sync.busy'].fr,
    );
    expect(refusalOf(new DatabaseBusyError('the database is saturated'))?.message).toBe(
      ERROR_CODES['database.busy'].fr,
    );
  });

  it('should leave an unexpected failure to AdminJS', () => {
    expect(refusalOf(new Error('boom'))).toBeNull();
  });
});
