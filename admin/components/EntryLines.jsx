import { Box, Label, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import React from 'react';

/** The lines of an accounting entry (amounts already written the French way by the server). */
const EntryLines = ({ record, property, resource }) => {
  const { translateProperty } = useTranslation();
  const lines = (record && record.params && record.params[property.path]) || [];
  return (
    <Box mb="xl">
      <Label>{translateProperty(property.label, resource.id)}</Label>
      <Table id="entry-lines">
        <TableHead>
          <TableRow>
            <TableCell>Compte</TableCell>
            <TableCell>Libellé du compte</TableCell>
            <TableCell style={{ textAlign: 'right' }}>Débit</TableCell>
            <TableCell style={{ textAlign: 'right' }}>Crédit</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.map((line, index) => (
            <TableRow key={index} data-testid="entry-line">
              <TableCell>{line.account}</TableCell>
              <TableCell>{line.accountLabel}</TableCell>
              <TableCell style={{ textAlign: 'right' }}>{line.debit}</TableCell>
              <TableCell style={{ textAlign: 'right' }}>{line.credit}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {lines.length === 0 && <Text color="grey60">—</Text>}
    </Box>
  );
};

export default EntryLines;
