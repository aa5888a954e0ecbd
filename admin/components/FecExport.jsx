import { Box, Button, H3, Label, Loader, Select, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import React, { useEffect, useState } from 'react';

const api = new ApiClient();

/** "Exporter le FEC": the company's fiscal years (the current one included) and the download of the chosen one. */
const FecExport = ({ record, resource, action }) => {
  const [data, setData] = useState(null);
  const [year, setYear] = useState(null);

  useEffect(() => {
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'get' })
      .then(({ data: answer }) => {
        setData(answer);
        setYear(answer.defaultYear ?? null);
      });
  }, [record.id]);

  if (data === null) return <Loader />;
  const options = data.years || [];
  const selected = options.find((option) => option.value === year) || null;
  const href = year ? `${data.downloadPath}?companyId=${record.id}&fiscalYear=${year}` : undefined;

  return (
    <Box variant="white" p="xl">
      <H3>Export du FEC de « {record.title} »</H3>
      <Text mb="lg">
        Fichier des écritures comptables (article A47 A-1 du LPF) de l’exercice choisi, nommé d’après le SIREN et la
        date de clôture.
      </Text>
      {data.siren ? null : (
        <Text mb="lg" id="fec-siren-missing" color="error">
          La société n’a pas de SIREN : le FEC porte le SIREN dans son nom. Renseignez-le d’abord.
        </Text>
      )}
      <Box mb="lg">
        <Label htmlFor="fec-year">Exercice</Label>
        <Select
          inputId="fec-year"
          value={selected}
          options={options}
          onChange={(option) => setYear(option ? option.value : null)}
        />
      </Box>
      <Button as="a" id="download-fec" variant="contained" href={href} disabled={!href}>
        Télécharger le FEC
      </Button>
    </Box>
  );
};

export default FecExport;
