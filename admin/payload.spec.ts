import { describe, expect, it } from '@jest/globals';

import { typedPayload } from './payload.js';

describe('typedPayload', () => {
  it('should type AdminJS form values and keep only the listed fields', () => {
    const raw = {
      id: '4',
      iban: '',
      journalName: 'BNP',
      includeOlderLines: 'true',
      useCleanLabel: 'false',
      bridgeBankId: '',
      companyId: '3',
      'accountTypes.0': 'checking',
      'accountTypes.1': 'card',
      companyIds: '1, 2',
    };
    expect(
      typedPayload(raw, {
        iban: 'nullableString',
        journalName: 'string',
        includeOlderLines: 'boolean',
        useCleanLabel: 'boolean',
        bridgeBankId: 'nullableInt',
        companyId: 'int',
        accountTypes: 'stringArray',
        companyIds: 'intList',
        bic: 'nullableString',
      }),
    ).toEqual({
      iban: null,
      journalName: 'BNP',
      includeOlderLines: true,
      useCleanLabel: false,
      bridgeBankId: null,
      companyId: 3,
      accountTypes: ['checking', 'card'],
      companyIds: [1, 2],
    });
  });

  it('should leave a non-numeric id as it is so that validation names it', () => {
    expect(typedPayload({ bridgeBankId: 'abc' }, { bridgeBankId: 'nullableInt' })).toEqual({ bridgeBankId: 'abc' });
  });
});
