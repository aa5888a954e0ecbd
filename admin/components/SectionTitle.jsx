import { Box, H4, Text } from '@adminjs/design-system';
import React from 'react';

// Heading of the "Télécollecte bancaire" settings (a virtual property placed before them).
const SectionTitle = () => (
  <Box mt="xl" mb="lg" pb="sm" style={{ borderBottom: '1px solid #dde1e6' }}>
    <H4 id="telecollecte-section">Télécollecte bancaire</H4>
    <Text variant="sm" color="grey60">
      Comptes Bridge à importer, dates et libellés des lignes, options des cartes à débit différé.
    </Text>
  </Box>
);

export default SectionTitle;
