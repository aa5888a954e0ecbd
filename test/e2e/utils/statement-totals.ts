import { expect } from '@jest/globals';
import type { DataSource } from 'typeorm';

/**
 * docs/rules.md#statement-totals: every statement's kept totals (lines in the balance, lines reversed, sum in cents)
 * are those of its lines, whatever the test did to them. Answers how many statements were checked.
 */
export async function expectTotalsKept(dataSource: DataSource): Promise<number> {
  const rows: Record<string, number | string | null>[] = await dataSource.query(
    `SELECT s.id, s.lineCount, s.reversedLineCount, s.lineTotalCents,
       (SELECT COUNT(*) FROM statement_line l WHERE l.statementId = s.id AND l.bankDeleted = 0) AS counted,
       (SELECT COUNT(*) FROM statement_line l WHERE l.statementId = s.id AND l.bankDeleted = 1) AS reversedCounted,
       (SELECT SUM(ROUND(l.amount * 100)) FROM statement_line l WHERE l.statementId = s.id AND l.bankDeleted = 0) AS summed
     FROM bank_statement s ORDER BY s.id`,
  );
  const kept = rows.map((row) => ({
    id: Number(row.id),
    lines: Number(row.lineCount),
    reversed: Number(row.reversedLineCount),
    cents: Number(row.lineTotalCents),
  }));
  const counted = rows.map((row) => ({
    id: Number(row.id),
    lines: Number(row.counted),
    reversed: Number(row.reversedCounted),
    cents: Math.round(Number(row.summed ?? 0)),
  }));
  expect(kept).toEqual(counted);
  return rows.length;
}
