import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ComponentLoader } from 'adminjs';

/** The repository root, from src (tests) or dist (built): the .jsx components are not compiled by tsc. */
function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('package.json not found above the admin module');
    folder = parent;
  }
  return folder;
}

export const COMPONENTS_DIR = join(projectRoot(), 'admin', 'components');

export function registerComponents(loader: ComponentLoader) {
  const add = (name: string) => loader.add(name, join(COMPONENTS_DIR, `${name}.jsx`));
  // Record pages titled with the record's title (docs/rules.md#names-in-the-back-office).
  loader.override('ActionHeader', join(COMPONENTS_DIR, 'RecordTitledHeader.jsx'));
  // French selects, date pickers, dates and yes/no everywhere: AdminJS gives its UI libraries no strings of their
  // own, so its property components are replaced by copies that do (docs/rules.md#back-office-in-french).
  const french = (name: string, file: string) => loader.override(name, join(COMPONENTS_DIR, 'french', `${file}.jsx`));
  french('DefaultFilterProperty', 'FrenchSelectFilter');
  french('DefaultBooleanFilterProperty', 'FrenchBooleanFilter');
  french('DefaultReferenceFilterProperty', 'FrenchReferenceFilter');
  french('DefaultDatetimeFilterProperty', 'FrenchDatetimeFilter');
  french('DefaultEditProperty', 'FrenchEdit');
  french('DefaultReferenceEditProperty', 'FrenchReferenceEdit');
  french('DefaultDatetimeEditProperty', 'FrenchDatetimeEdit');
  french('DefaultDatetimeListProperty', 'FrenchDatetimeValue');
  french('DefaultDatetimeShowProperty', 'FrenchDatetimeValue');
  french('BooleanPropertyValue', 'FrenchBooleanValue');
  french('DefaultPropertyValue', 'FrenchPropertyValue');
  return {
    Dashboard: add('Dashboard'),
    SectionTitle: add('SectionTitle'),
    SynchroAction: add('SynchroAction'),
    CsvExport: add('CsvExport'),
    BillingChart: add('BillingChart'),
    BillingDownload: add('BillingDownload'),
    BalanceBadge: add('BalanceBadge'),
    RecordCommand: add('RecordCommand'),
    LinkList: add('LinkList'),
    EntryLines: add('EntryLines'),
    FecExport: add('FecExport'),
    StatementBalances: add('StatementBalances'),
    CompanySelect: add('CompanySelect'),
    ExistingRecordOnly: add('ExistingRecordOnly'),
  };
}

export type AdminComponents = ReturnType<typeof registerComponents>;
