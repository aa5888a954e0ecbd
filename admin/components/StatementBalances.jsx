import { Box, Label } from '@adminjs/design-system';
import React from 'react';

// docs/rules.md#the-statement-page: opening, computed end and bank balances, the gap in colour, the lines to review.
// The figures are computed by the show action (admin/statement-figures.ts); this only lays them out.
const TONES = {
  ok: { background: '#e6f4ea', color: '#137333', border: '#137333' },
  gap: { background: '#fce8e6', color: '#a50e0e', border: '#c5221f' },
  unknown: { background: '#f1f3f4', color: '#5f6368', border: '#9aa0a6' },
};

const Row = ({ label, value, testId }) => (
  <tr>
    <th style={{ textAlign: 'left', fontWeight: 400, padding: '4px 24px 4px 0' }}>{label}</th>
    <td data-testid={testId} style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums', padding: '4px 0' }}>
      {value}
    </td>
  </tr>
);

const StatementBalances = ({ record, property }) => {
  const raw = record?.params?.statementFigures;
  if (!raw) return null;
  const figures = JSON.parse(raw);
  const tone = TONES[figures.gapTone] ?? TONES.unknown;
  return (
    <Box mb="xl" data-testid="statement-balances">
      <Label>{property.label}</Label>
      <table style={{ borderCollapse: 'collapse', marginBottom: '8px' }}>
        <tbody>
          <Row label="Solde d’ouverture" value={figures.opening} testId="balance-opening" />
          <Row label="Solde final calculé (ouverture + lignes)" value={figures.computedEnd} testId="balance-computed" />
          <Row label={figures.bankLabel} value={figures.bank ?? '—'} testId="balance-bank" />
        </tbody>
      </table>
      <span
        data-testid="balance-gap"
        data-tone={figures.gapTone}
        style={{
          display: 'inline-block',
          padding: '4px 12px',
          borderRadius: '12px',
          border: `1px solid ${tone.border}`,
          background: tone.background,
          color: tone.color,
          fontWeight: 600,
        }}
      >
        {figures.gapText}
      </span>
      <Box mt="default">
        {figures.toReview > 0 ? (
          <a data-testid="lines-to-review" href={figures.toReviewHref}>
            {figures.toReviewText}
          </a>
        ) : (
          <span data-testid="lines-to-review">{figures.toReviewText}</span>
        )}
      </Box>
    </Box>
  );
};

export default StatementBalances;
