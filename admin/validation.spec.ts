import { describe, expect, it } from '@jest/globals';

import { CreateBankAccountDto } from '../src/bank-accounts/dto/bank-account.dto.js';
import { CreateBridgeConfigDto } from '../src/bridge-config/dto/bridge-config.dto.js';
import { validatePayload } from './validation.js';

describe('back-office field messages', () => {
  it('should say in French that a required text is missing, with its limit', async () => {
    const { errors } = await validatePayload(CreateBridgeConfigDto, { companyIds: [1], name: '', clientId: 'c', clientSecret: 's' });
    expect(errors.name).toEqual({ message: 'Ce champ est obligatoire (200 caractères au plus).' });
  });

  it('should explain the API URL rule, including the version path', async () => {
    const { errors } = await validatePayload(CreateBridgeConfigDto, { companyIds: [1], name: 'B', url: 'https://api.bridgeapi.io/v3/aggregation', clientId: 'c', clientSecret: 's' });
    expect(errors.url?.message).toMatch(/^URL de l’API/);
  });

  it('should give the bounds of an integer field in French figures', async () => {
    const { errors } = await validatePayload(CreateBankAccountDto, { companyId: 1, journalCode: 'BQ1', journalName: 'Banque', bridgeBankId: 1e20 });
    expect(errors.bridgeBankId?.message).toMatch(/^Nombre entier attendu, entre 1 et 9\s007\s199\s254\s740\s991\.$/);
  });
});
