import type { ActionContext, ActionResponse, RecordJSON, ResourceWithOptions } from 'adminjs';
import Big from 'big.js';

import type { JournalEntry } from '../../src/accounting/journal-entry.entity.js';
import { JournalEntry as JournalEntryEntity } from '../../src/accounting/journal-entry.entity.js';
import { frenchAmount, frenchDate, frenchDateTime } from '../french-format.js';
import { NAV, READ_ONLY, recordsOf, type AdminDeps } from '../resource-kit.js';
import { OWNED_BY } from '../scoped-resource.js';

export const ENTRY_SHOW_URL = (id: number) => `/admin/resources/JournalEntry/records/${id}/show`;

const KINDS = [
  { value: 'posting', label: 'Écriture' },
  { value: 'reversal', label: 'Extourne' },
];

const DISPLAY_ONLY = { list: false, show: true, edit: false, filter: false };

/** The entry's total (the sum of its debits, which is the sum of its credits). */
function totalOf(entry: JournalEntry): string {
  return (entry.lines ?? []).reduce((sum, line) => sum.plus(line.debit), new Big(0)).toFixed(2);
}

/**
 * French amounts and dates, the entry lines and the links between an entry and its reversal, read through
 * EntriesService for the records the account may see (all of them of lines it may see).
 */
function presentEntries(deps: AdminDeps) {
  return async (response: ActionResponse, _request: unknown, _context: ActionContext): Promise<ActionResponse> => {
    const records: RecordJSON[] = recordsOf(response);
    const lineIds = [...new Set(records.map((record) => Number(record.params.statementLineId)))];
    const byLine = await deps.entries.ofLines(lineIds);
    const byId = new Map<number, JournalEntry>();
    for (const entries of byLine.values()) for (const entry of entries) byId.set(entry.id, entry);
    for (const record of records) {
      const id = Number(record.id);
      const entry = byId.get(id);
      const params = record.params;
      params.date = frenchDate(String(params.date ?? ''));
      params.pieceDate = frenchDate(String(params.pieceDate ?? ''));
      params.validatedAt = frenchDateTime(params.validatedAt as string | null);
      if (!entry) continue;
      params.amount = frenchAmount(totalOf(entry));
      params.entryLines = (entry.lines ?? []).map((line) => ({
        account: line.account,
        accountLabel: line.accountLabel,
        debit: frenchAmount(line.debit),
        credit: frenchAmount(line.credit),
      }));
      const reversed = entry.reversalOfId === null ? undefined : byId.get(entry.reversalOfId);
      params.reversalOf = reversed
        ? [{ href: ENTRY_SHOW_URL(reversed.id), label: `${reversed.ecritureNum} — ${reversed.label}` }]
        : [];
      params.reversedBy = (byLine.get(entry.statementLineId) ?? [])
        .filter((other) => other.reversalOfId === entry.id)
        .map((other) => ({ href: ENTRY_SHOW_URL(other.id), label: `${other.ecritureNum} — ${other.label}` }));
    }
    return response;
  };
}

/** "Écritures": the bank accounting entries, read-only (nothing in the product edits or deletes one). */
export function journalEntryResource(deps: AdminDeps): ResourceWithOptions {
  const present = presentEntries(deps);
  return {
    resource: new deps.ScopedResource(JournalEntryEntity, {
      hidden: ['postingKey'],
      companies: OWNED_BY.company('companyId'),
    }),
    options: {
      id: 'JournalEntry',
      navigation: NAV.accounting,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: [
        'ecritureNum',
        'journalCode',
        'fiscalYear',
        'date',
        'label',
        'pieceRef',
        'amount',
        'kind',
        'validatedAt',
      ],
      showProperties: [
        'ecritureNum',
        'companyId',
        'journalCode',
        'journalName',
        'fiscalYear',
        'date',
        'label',
        'pieceRef',
        'pieceDate',
        'kind',
        'validatedAt',
        'statementId',
        'statementLineId',
        'ruleId',
        'entryLines',
        'reversalOf',
        'reversedBy',
      ],
      filterProperties: ['companyId', 'bankAccountId', 'fiscalYear', 'statementId', 'kind', 'ecritureNum'],
      properties: {
        companyId: { reference: 'Company' },
        bankAccountId: { reference: 'BankAccount' },
        statementId: { reference: 'BankStatement' },
        statementLineId: { reference: 'StatementLine' },
        ruleId: { reference: 'CounterpartRule' },
        // Shown already formatted (JJ/MM/AAAA, Paris time): sorting still reads the columns.
        date: { type: 'string' },
        pieceDate: { type: 'string' },
        validatedAt: { type: 'string' },
        kind: { availableValues: KINDS },
        amount: { type: 'string', isVisible: { list: true, show: false, edit: false, filter: false } },
        entryLines: {
          type: 'string',
          isVisible: DISPLAY_ONLY,
          components: { show: deps.components.EntryLines },
        },
        reversalOf: { type: 'string', isVisible: DISPLAY_ONLY, components: { show: deps.components.LinkList } },
        reversedBy: { type: 'string', isVisible: DISPLAY_ONLY, components: { show: deps.components.LinkList } },
      },
      actions: {
        ...READ_ONLY,
        list: { after: present },
        show: { after: present },
      },
    },
  };
}
