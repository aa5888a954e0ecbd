import type { ResourceWithOptions } from 'adminjs';

import { BankTransaction } from '../../src/statements/bank-transaction.entity.js';
import { NAV, READ_ONLY, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';

/** The mirror of Bridge's operations, read-only. */
export function bankTransactionResource(deps: AdminDeps): ResourceWithOptions {
  return {
    resource: new deps.ScopedResource(BankTransaction, { companies: OWNED_BY.bankAccount }),
    options: {
      id: 'BankTransaction',
      navigation: NAV.banking,
      sort: { sortBy: 'date', direction: 'desc' },
      listProperties: [
        'date',
        'originalLabel',
        'amount',
        'accountType',
        'operationType',
        'future',
        'deleted',
        'bankAccountId',
      ],
      filterProperties: ['bankAccountId', 'date', 'originalLabel', 'accountType', 'operationType', 'future', 'deleted'],
      properties: {
        date: { type: 'date' },
        transactionDate: { type: 'date' },
        bookingDate: { type: 'date' },
        valueDate: { type: 'date' },
      },
      actions: READ_ONLY,
    },
  };
}
