import { Box, Button, H3, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import React, { useEffect, useState } from 'react';

const api = new ApiClient();
const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

// Users and amounts billed per month (January carries the annual report), as bars for one year.
const BillingChart = ({ resource, action }) => {
  // The first answer says which year it is by the server's clock (the browser's may differ): null until then.
  const [year, setYear] = useState(null);
  const [totals, setTotals] = useState(null);

  useEffect(() => {
    setTotals(null);
    api
      .resourceAction({
        resourceId: resource.id,
        actionName: action.name,
        method: 'post',
        data: year === null ? {} : { year },
      })
      .then(({ data }) => {
        if (year === null) setYear(data.year);
        setTotals(data.totals || []);
      });
  }, [year]);

  const max = Math.max(1, ...(totals || []).map((row) => Number(row.amount)));
  const width = 720;
  const height = 240;
  const bar = width / 12;

  return (
    <Box variant="white" p="xl">
      <Box display="flex" alignItems="center" mb="lg">
        <Button size="sm" variant="outlined" disabled={year === null} onClick={() => setYear(year - 1)}>
          ‹
        </Button>
        <H3 mx="lg" mb="0" id="billing-year">
          Facturation Bridge {year ?? ''}
        </H3>
        <Button size="sm" variant="outlined" disabled={year === null} onClick={() => setYear(year + 1)}>
          ›
        </Button>
      </Box>
      {totals === null ? (
        <Text>Chargement…</Text>
      ) : (
        <>
          <svg
            id="billing-chart"
            width={width}
            height={height + 40}
            role="img"
            aria-label={`Montants facturés par mois en ${year}`}
          >
            {totals.map((row, index) => {
              const h = (Number(row.amount) / max) * height;
              return (
                <g key={row.month}>
                  <rect x={index * bar + 8} y={height - h} width={bar - 16} height={h} fill="#3040d6" />
                  <text x={index * bar + bar / 2} y={height - h - 6} fontSize="11" textAnchor="middle">
                    {row.users ? `${row.users} util.` : ''}
                  </text>
                  <text x={index * bar + bar / 2} y={height + 18} fontSize="12" textAnchor="middle">
                    {MONTHS[index]}
                  </text>
                </g>
              );
            })}
          </svg>
          <Table mt="xl">
            <TableHead>
              <TableRow>
                <TableCell>Mois</TableCell>
                <TableCell>Utilisateurs facturés</TableCell>
                <TableCell>Montant HT</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {totals.map((row, index) => (
                <TableRow key={row.month}>
                  <TableCell>
                    {MONTHS[index]} {year}
                  </TableCell>
                  <TableCell>{row.users}</TableCell>
                  <TableCell>{row.amount} €</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Box>
  );
};

export default BillingChart;
