import { Box, Button, H3, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';
import React, { useEffect, useState } from 'react';

const api = new ApiClient();
const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const count = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
// The two series: the users of the annual report (billed in January) and the additional users of each month.
const SERIES = [
  { key: 'annualUsers', label: 'Utilisateurs de l’abonnement annuel', color: '#3040d6' },
  { key: 'additionalUsers', label: 'Utilisateurs supplémentaires (mensuel)', color: '#e08a00' },
];

/** A "nice" top of the count axis and its ticks (whole numbers). */
function axis(max) {
  const step = Math.max(1, Math.ceil(max / 5));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = [];
  for (let value = 0; value <= top; value += step) ticks.push(value);
  return { top, ticks };
}

// Users billed per month (January carries the annual report), both series side by side, for one year.
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

  const rows = totals || [];
  const { top, ticks } = axis(Math.max(0, ...rows.flatMap((row) => SERIES.map((serie) => row[serie.key] || 0))));
  const left = 48;
  const plotWidth = 720;
  const height = 240;
  const topMargin = 20;
  const slot = plotWidth / 12;
  const barWidth = (slot - 12) / SERIES.length;
  const y = (value) => topMargin + height - (value / top) * height;

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
          <Box id="billing-legend" display="flex" mb="md">
            {SERIES.map((serie) => (
              <Box key={serie.key} display="flex" alignItems="center" mr="xl" data-serie={serie.key}>
                <span
                  style={{ display: 'inline-block', width: 12, height: 12, background: serie.color, marginRight: 6 }}
                />
                <Text as="span">{serie.label}</Text>
              </Box>
            ))}
          </Box>
          <svg
            id="billing-chart"
            width={left + plotWidth + 10}
            height={topMargin + height + 50}
            role="img"
            aria-label={`Utilisateurs Bridge facturés par mois en ${year}`}
          >
            <g id="billing-axis-y">
              {ticks.map((tick) => (
                <g key={tick}>
                  <line x1={left} x2={left + plotWidth} y1={y(tick)} y2={y(tick)} stroke="#e5e5ef" />
                  <text x={left - 6} y={y(tick) + 4} fontSize="11" textAnchor="end">
                    {count.format(tick)}
                  </text>
                </g>
              ))}
              <line x1={left} x2={left} y1={topMargin} y2={topMargin + height} stroke="#454655" />
              <text
                x={12}
                y={topMargin + height / 2}
                fontSize="11"
                textAnchor="middle"
                transform={`rotate(-90 12 ${topMargin + height / 2})`}
              >
                Utilisateurs
              </text>
            </g>
            <g id="billing-axis-x">
              <line x1={left} x2={left + plotWidth} y1={topMargin + height} y2={topMargin + height} stroke="#454655" />
              {rows.map((row, index) => (
                <text
                  key={row.month}
                  x={left + index * slot + slot / 2}
                  y={topMargin + height + 18}
                  fontSize="12"
                  textAnchor="middle"
                >
                  {MONTHS[index]}
                </text>
              ))}
              <text x={left + plotWidth / 2} y={topMargin + height + 40} fontSize="11" textAnchor="middle">
                Mois
              </text>
            </g>
            {SERIES.map((serie, serieIndex) => (
              <g key={serie.key} className="billing-serie" data-serie={serie.key}>
                {rows.map((row, index) => {
                  const value = row[serie.key] || 0;
                  const x = left + index * slot + 6 + serieIndex * barWidth;
                  return (
                    <g key={row.month}>
                      <rect
                        x={x}
                        y={y(value)}
                        width={barWidth - 2}
                        height={topMargin + height - y(value)}
                        fill={serie.color}
                      >
                        <title>{`${serie.label}, ${MONTHS[index]} ${year} : ${count.format(value)}`}</title>
                      </rect>
                      {value > 0 ? (
                        <text
                          className="billing-value"
                          x={x + (barWidth - 2) / 2}
                          y={y(value) - 4}
                          fontSize="11"
                          textAnchor="middle"
                        >
                          {count.format(value)}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
              </g>
            ))}
          </svg>
          <Table mt="xl">
            <TableHead>
              <TableRow>
                <TableCell>Mois</TableCell>
                {SERIES.map((serie) => (
                  <TableCell key={serie.key}>{serie.label}</TableCell>
                ))}
                <TableCell>Montant HT</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row, index) => (
                <TableRow key={row.month}>
                  <TableCell>
                    {MONTHS[index]} {year}
                  </TableCell>
                  {SERIES.map((serie) => (
                    <TableCell key={serie.key}>{count.format(row[serie.key] || 0)}</TableCell>
                  ))}
                  <TableCell>{euros.format(Number(row.amount))}</TableCell>
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
