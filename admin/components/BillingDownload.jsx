import { Box, Button, H3, Input, Label, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import React, { useEffect, useState } from 'react';

const api = new ApiClient();

/** "Télécharger": the billing reports of a year (or one month of it) as CSV or JSON, with names and French headers. */
const BillingDownload = ({ resource, action }) => {
  const [data, setData] = useState(null);
  const [year, setYear] = useState('');
  const [month, setMonth] = useState('');

  useEffect(() => {
    api
      .resourceAction({ resourceId: resource.id, actionName: action.name, method: 'post', data: {} })
      .then(({ data: answer }) => {
        setData(answer);
        setYear(String(answer.year));
      });
  }, []);

  if (data === null) return <Text>Chargement…</Text>;
  const query = (format) =>
    `${data.downloadPath}?format=${format}${/^\d{4}$/.test(year) ? `&year=${year}` : ''}${
      /^\d{4}$/.test(year) && /^([1-9]|1[0-2])$/.test(month) ? `&month=${month}` : ''
    }`;

  return (
    <Box variant="white" p="xl">
      <H3>Télécharger les rapports de facturation</H3>
      <Text mb="lg">
        Rapports annuels et mensuels, avec le nom des sociétés et des configurations Bridge. Le CSV s’ouvre dans un
        tableur (point-virgule, UTF-8).
      </Text>
      <Box display="flex" mb="lg">
        <Box mr="lg">
          <Label htmlFor="billing-download-year">Année</Label>
          <Input id="billing-download-year" value={year} onChange={(event) => setYear(event.target.value)} />
        </Box>
        <Box>
          <Label htmlFor="billing-download-month">Mois (facultatif, 1 à 12)</Label>
          <Input id="billing-download-month" value={month} onChange={(event) => setMonth(event.target.value)} />
        </Box>
      </Box>
      <Button as="a" id="download-billing-csv" variant="contained" mr="lg" href={query('csv')}>
        Télécharger en CSV
      </Button>
      <Button as="a" id="download-billing-json" variant="outlined" href={query('json')}>
        Télécharger en JSON
      </Button>
    </Box>
  );
};

export default BillingDownload;
