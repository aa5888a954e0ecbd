import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { FiscalYear } from '../../src/accounting/fiscal-year.entity.js';
import { FiscalYearsService } from '../../src/accounting/fiscal-years.service.js';
import { createTestApp, TEST_ENGINE, type TestApp } from './utils/test-app.js';

// Two journals of one company posting their first entries of a fiscal year at once both open that year: the first to
// commit creates it, the other must find it. On MariaDB the other's transaction reads from a snapshot taken before
// that commit, so a plain read there misses the year its own ignored insert collided with (found by
// test/reliability/posting.rel-spec.ts as a 409 fiscal_year.conflict). SQLite has a single writer: nothing overlaps.

const describeOnMariaDb = TEST_ENGINE === 'mysql' ? describe : describe.skip;

describeOnMariaDb('opening a fiscal year from two transactions at once (MariaDB)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should give the year another transaction created after this one took its snapshot', async () => {
    const company = (
      await t.api().post('/api/v1/companies', { name: 'Deux journaux', fiscalYearEnd: '12-31' }).expect(201)
    ).body as { id: number; fiscalYearEnd: string };
    const years = t.app.get(FiscalYearsService);
    const late = t.dataSource.createQueryRunner();
    await late.connect();
    await late.startTransaction();
    try {
      // The late transaction reads first (its snapshot), then the other one opens the year and commits.
      expect(await late.manager.findOneBy(FiscalYear, { companyId: company.id })).toBeNull();
      const opened = await t.dataSource.transaction((manager) => years.openYearOf(manager, company, '2026-05-10'));
      expect(opened).toMatchObject({ year: 2026, startDate: '2026-01-01', endDate: '2026-12-31', state: 'open' });

      const found = await years.openYearOf(late.manager, company, '2026-06-20');
      expect(found).toMatchObject({ id: opened.id, year: 2026 });
      await late.commitTransaction();
    } finally {
      if (late.isTransactionActive) await late.rollbackTransaction();
      await late.release();
    }
    expect(await t.dataSource.getRepository(FiscalYear).countBy({ companyId: company.id })).toBe(1);
  });
});
