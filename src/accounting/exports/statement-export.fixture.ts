import type { StatementExport, StatementExportLine } from './export-types.js';

// Statements for the writers' specs: every line kind the exports must carry.

export const LONG_LABEL = `VIR SEPA ${'Facture 2025-0042 loyer commercial local Paris 11e '.repeat(6)}`.slice(0, 300);

export function exportLine(
  overrides: Partial<StatementExportLine> & Pick<StatementExportLine, 'id' | 'amount'>,
): StatementExportLine {
  return {
    date: '2025-03-03',
    valueDate: null,
    bookingDate: null,
    label: `Opération ${overrides.id}`,
    bridgeTransactionId: `3800000${overrides.id}`,
    operationType: 'card',
    ...overrides,
  };
}

export function sampleStatement(overrides: Partial<StatementExport> = {}): StatementExport {
  return {
    messageId: 'TLC-STMT-42-20250401T080000',
    createdAt: new Date('2025-04-01T08:00:00.123Z'),
    statementId: 42,
    name: 'BQ1/2025/03',
    sequenceNumber: 3,
    dateStart: '2025-03-01',
    dateEnd: '2025-03-31',
    iban: 'FR76 3000 6000 0112 3456 7890 189',
    bic: 'AGRIFRPP882',
    currency: 'EUR',
    journalCode: 'BQ1',
    companyName: 'Boulangerie Martin & Fils',
    balanceStart: '1500.00',
    balanceEnd: '-1233.20',
    lines: [
      exportLine({
        id: 1,
        amount: '1234.56',
        label: 'VIR SEPA CLIENT <DUPONT> & "Cie" l\'atelier',
        operationType: 'transfer',
        valueDate: '2025-03-04',
      }),
      exportLine({ id: 2, amount: '-12.35', label: '€ œuvre Ÿ café 😀', bookingDate: '2025-03-05' }),
      exportLine({ id: 3, amount: '-3955.36', label: LONG_LABEL, bridgeTransactionId: null, operationType: null }),
      exportLine({ id: 4, amount: '-0.05', label: '=HYPERLINK("https://evil.example")' }),
      exportLine({ id: 5, amount: '0.00', label: '+33 6 12 34 56 78', date: '2025-03-31' }),
      exportLine({ id: 6, amount: '0.00', label: '-2+3+cmd', operationType: 'other' }),
      exportLine({ id: 7, amount: '0.00', label: '@SUM(A1:A2)' }),
    ],
    ...overrides,
  };
}
