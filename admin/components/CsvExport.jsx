import { Box, Button, H3, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import React, { useState } from 'react';

const api = new ApiClient();

// Downloads the connection log as CSV with the filters currently applied to the list.
const CsvExport = ({ resource, action }) => {
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState(null);
  const download = async () => {
    setBusy(true);
    try {
      const { data } = await api.resourceAction({
        resourceId: resource.id,
        actionName: action.name,
        method: 'post',
        data: { query: window.location.search },
      });
      const blob = new Blob([data.csv], { type: 'text/csv;charset=utf-8' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = data.filename;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setCount(data.count);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box variant="white" p="xl">
      <H3>Export CSV du journal des connexions</H3>
      <Text mb="lg">Le fichier reprend les filtres de la liste (séparateur « ; », encodage UTF-8).</Text>
      <Button id="download-csv" variant="contained" onClick={download} disabled={busy}>
        Télécharger le CSV
      </Button>
      {count !== null && (
        <Text mt="lg" id="csv-count">
          {count} ligne(s) exportée(s).
        </Text>
      )}
    </Box>
  );
};

export default CsvExport;
