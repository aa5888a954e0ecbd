import { describe, expect, it } from '@jest/globals';

import type { FecDescriptionInput } from './fec-description.js';
import { fecDescription } from './fec-description.js';
import { FEC_COLUMNS } from './fec-writer.js';

const input: FecDescriptionInput = {
  siren: '552100554',
  companyName: 'Boulangerie Martin SARL',
  fiscalYear: 2025,
  startDate: '2024-07-01',
  endDate: '2025-06-30',
  encoding: 'iso-8859-15',
  fileName: '552100554FEC20250630.txt',
  entryCount: 42,
  recordCount: 84,
  journals: [
    { code: 'BQ1', name: 'Banque Crédit Mutuel' },
    { code: 'BQ2', name: 'Banque Qonto' },
  ],
};

describe('FEC description', () => {
  it('should describe the file, the company, the fiscal year, the charset and the structure in French', () => {
    const text = fecDescription(input);
    expect(text).toContain('Fichier : 552100554FEC20250630.txt');
    expect(text).toContain('Société : Boulangerie Martin SARL (SIREN 552100554)');
    expect(text).toContain('Exercice : 2025, du 01/07/2024 au 30/06/2025');
    expect(text).toContain('42 écriture(s), 84 enregistrement(s)');
    expect(text).toContain('Jeu de caractères : ISO 8859-15');
    expect(text).toContain('Séparateur de zones : tabulation');
    expect(text).toContain('(CR LF), sans saut de ligne après le dernier enregistrement');
    expect(text).toContain('Première ligne : noms des 18 zones');
    expect(text).toContain('Un enregistrement par ligne d’écriture');
    expect(text).toContain('- BQ1 : Banque Crédit Mutuel\r\n- BQ2 : Banque Qonto');
    expect(text).toContain('BQ1-2025-000042');
    expect(text).toContain('propre à chaque journal et à chaque exercice');
    expect(text).toContain('attribué à la validation');
    expect(text).toContain('heure de Paris');
    expect(fecDescription({ ...input, encoding: 'utf-8' })).toContain('Jeu de caractères : UTF-8');
    expect(fecDescription({ ...input, journals: [] })).toContain('- Aucun (exercice sans écriture).');
  });

  it('should list the 18 zones in order, each with its type and content', () => {
    const zoneLines = fecDescription(input)
      .split('\r\n')
      .filter((line) => /^ ?\d{1,2}\. /.test(line));
    expect(zoneLines.map((line) => /^ ?\d{1,2}\. (\w+) /.exec(line)?.[1])).toEqual([...FEC_COLUMNS]);
    expect(zoneLines[3]).toBe(
      ' 4. EcritureDate (Date (AAAAMMJJ)) : Date de comptabilisation : date de l’opération sur le relevé.',
    );
    expect(zoneLines[6]).toContain('À blanc');
    expect(zoneLines[11]).toContain('Numérique');
    expect(zoneLines[11]).toContain('virgule décimale');
  });

  it('should give the same text for the same input', () => {
    expect(fecDescription(input)).toBe(fecDescription({ ...input, journals: [...input.journals] }));
  });
});
