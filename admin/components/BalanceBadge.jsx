import { Box, Label } from '@adminjs/design-system';
import React from 'react';

// The balance check of the statement's bank account (docs/rules.md#balance-check), computed by the show action.
const COLOURS = {
  ok: { background: '#e6f4ea', color: '#137333', border: '#137333' },
  diverged: { background: '#fce8e6', color: '#a50e0e', border: '#c5221f' },
  unknown: { background: '#f1f3f4', color: '#5f6368', border: '#9aa0a6' },
};

const BalanceBadge = ({ record, property }) => {
  const text = record?.params?.balanceBadge;
  if (!text) return null;
  const colours = COLOURS[record.params.balanceBadgeTone] ?? COLOURS.unknown;
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      <span
        data-testid="balance-badge"
        data-tone={record.params.balanceBadgeTone}
        style={{
          display: 'inline-block',
          padding: '4px 12px',
          borderRadius: '12px',
          border: `1px solid ${colours.border}`,
          background: colours.background,
          color: colours.color,
          fontWeight: 600,
        }}
      >
        {text}
      </span>
    </Box>
  );
};

export default BalanceBadge;
