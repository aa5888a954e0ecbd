import { describe, expect, it } from '@jest/globals';
import { isValidIBAN } from 'ibantools';

import { PROVIDERS, findProvider } from './catalog.js';
import { dayNumberFromIso, isoDay, lastBusinessDayOfMonth } from './dates.js';
import {
  generateHistory,
  planItem,
  type GeneratedTransaction,
  type GeneratorSettings,
  type IdRegistry,
} from './generator.js';
import { belgianIban, frenchIban, isValidIbanChecksum, mod97, ribKey } from './iban.js';

const settings: GeneratorSettings = { seed: 42, historyMonths: 24, transactionsPerMonth: 30 };
const emptyRegistry: IdRegistry = {
  itemIdTaken: () => false,
  accountIdTaken: () => false,
  transactionBlockTaken: () => false,
};
const today = dayNumberFromIso('2026-03-18');

/** Independent ISO 13616 check: move the first four characters to the end, letters → numbers, mod 97 = 1. */
function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return Number(BigInt(digits) % 97n);
}

function generate(userKey: string, providerId: number, overrides: Partial<GeneratorSettings> = {}, day = today) {
  const provider = findProvider(providerId)!;
  const effective = { ...settings, ...overrides };
  const plan = planItem(effective, userKey, provider, 0, emptyRegistry);
  return { plan, history: generateHistory(effective, plan, userKey, provider, day) };
}

describe('IBAN helpers', () => {
  it('computes the French RIB key and the ISO check digits of a known IBAN', () => {
    // FR76 3000 6000 0112 3456 7890 189 is the classic valid example (RIB key 89).
    expect(ribKey('30006', '00001', '12345678901')).toBe('89');
    expect(frenchIban('30006', '00001', '12345678901')).toBe('FR7630006000011234567890189');
    expect(isValidIbanChecksum('FR7630006000011234567890189')).toBe(true);
    expect(isValidIbanChecksum('FR7630006000011234567890188')).toBe(false);
  });

  it('builds valid Belgian IBANs', () => {
    const iban = belgianIban('539', '0075470');
    expect(iban).toBe('BE68539007547034');
    expect(isValidIBAN(iban)).toBe(true);
  });

  it('computes mod 97 of long digit strings', () => {
    expect(mod97('3214282912345698765432161182')).toBe(Number(3214282912345698765432161182n % 97n));
  });
});

describe('generated accounts', () => {
  it('gives every provider a checking and a savings account with valid IBANs, and a card account without IBAN', () => {
    for (const provider of PROVIDERS) {
      for (const userKey of ['claire@cabinet.fr', 'erp-user-12', 'x@y.z']) {
        const { plan } = generate(userKey, provider.id);
        expect(plan.accounts.map((account) => account.type)).toEqual(['checking', 'savings', 'card']);
        const [checking, savings, card] = plan.accounts;
        for (const account of [checking!, savings!]) {
          const iban = account.iban!;
          expect(iban.startsWith(provider.countryCode)).toBe(true);
          expect(isValidIBAN(iban)).toBe(true);
          expect(ibanMod97(iban)).toBe(1);
          if (provider.countryCode === 'FR') {
            expect(iban).toHaveLength(27);
            expect(iban.slice(4, 9)).toBe(provider.bankCode);
            // RIB key: 97 - ((89 × bank + 15 × branch + 3 × account) mod 97).
            const [bank, branch, number, key] = [
              iban.slice(4, 9),
              iban.slice(9, 14),
              iban.slice(14, 25),
              iban.slice(25),
            ];
            expect(Number((89n * BigInt(bank) + 15n * BigInt(branch) + 3n * BigInt(number) + BigInt(key)) % 97n)).toBe(
              0,
            );
          }
        }
        expect(checking!.iban).not.toBe(savings!.iban);
        expect(card!.iban).toBeNull();
        expect(card!.name).toMatch(/^Carte .+ \*\*\*\*\d{4}$/);
        expect(String(plan.itemId)).toMatch(/^\d{7,8}$/);
        for (const account of plan.accounts) expect(String(account.id)).toMatch(/^\d{7,8}$/);
      }
    }
  });

  it('is deterministic: same seed, same data; another seed, other data', () => {
    const first = generate('claire@cabinet.fr', 574);
    const again = generate('claire@cabinet.fr', 574);
    expect(again).toEqual(first);
    const other = generate('claire@cabinet.fr', 574, { seed: 7 });
    expect(other.plan.accounts[0]!.iban).not.toBe(first.plan.accounts[0]!.iban);
    expect(other.history.transactions.map((t) => t.amountCents)).not.toEqual(
      first.history.transactions.map((t) => t.amountCents),
    );
  });

  it('avoids ids already taken in the store', () => {
    const { plan } = generate('claire@cabinet.fr', 574);
    const registry: IdRegistry = {
      itemIdTaken: (id) => id === plan.itemId,
      accountIdTaken: (id) => id === plan.accounts[0]!.id,
      transactionBlockTaken: (id) => id === plan.firstTransactionId,
    };
    const second = planItem(settings, 'claire@cabinet.fr', findProvider(574)!, 0, registry);
    expect(second.itemId).toBe(plan.itemId + 1);
    expect(second.accounts[0]!.id).not.toBe(plan.accounts[0]!.id);
    expect(second.firstTransactionId).not.toBe(plan.firstTransactionId);
    expect(second.accounts[0]!.iban).toBe(plan.accounts[0]!.iban);
  });
});

describe('generated history', () => {
  const { plan, history } = generate('claire@cabinet.fr', 574);
  const [checking, savings, card] = plan.accounts.map((account) => account.id) as [number, number, number];
  const on = (accountId: number): GeneratedTransaction[] =>
    history.transactions.filter((t) => t.accountId === accountId);

  it('uses unique 14-digit ids growing with the date', () => {
    const ids = history.transactions.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(String(id)).toMatch(/^36\d{12}$/);
    for (let i = 1; i < history.transactions.length; i++) {
      expect(history.transactions[i]!.date >= history.transactions[i - 1]!.date).toBe(true);
    }
  });

  it('covers the requested months with about transactionsPerMonth lines per month on the checking account', () => {
    const dates = on(checking)
      .map((t) => t.date)
      .sort();
    expect(dates[0]! <= '2024-03-06').toBe(true); // March 2024 is the first whole month (24 months before March 2026)
    expect(dates[0]! >= '2024-03-01').toBe(true);
    expect(dates[dates.length - 1]! <= '2026-03-18').toBe(true);
    const perMonth = new Map<string, number>();
    for (const date of dates) perMonth.set(date.slice(0, 7), (perMonth.get(date.slice(0, 7)) ?? 0) + 1);
    for (const [month, count] of perMonth) {
      if (month > '2024-03' && month < '2026-03') expect(count).toBeGreaterThanOrEqual(25);
      if (month > '2024-03' && month < '2026-03') expect(count).toBeLessThanOrEqual(35);
    }
  });

  it('uses realistic labels, operation types and always a date', () => {
    const labels = on(checking).map((t) => t.providerDescription);
    expect(labels).toContain('PRLV SEPA URSSAF');
    expect(labels).toContain('PRLV SEPA EDF');
    expect(labels).toContain('FRAIS TENUE DE COMPTE');
    expect(labels.some((label) => /^VIR SEPA SALAIRE /.test(label))).toBe(true);
    expect(labels.some((label) => /^CB [A-Z .]+ \d{2}\/\d{2}$/.test(label))).toBe(true);
    expect(labels.some((label) => /^RETRAIT DAB \d{2}\/\d{2} [A-Z]+$/.test(label))).toBe(true);
    expect(labels.some((label) => /^CHQ N° \d{7}$/.test(label))).toBe(true);
    expect(on(checking).find((t) => t.providerDescription === 'PRLV SEPA URSSAF')!.cleanDescription).toBe('Urssaf');
    const types = new Set(history.transactions.map((t) => t.operationType));
    for (const type of [
      'card',
      'deferred_debit_card',
      'transfer',
      'direct_debit',
      'check',
      'withdrawal',
      'deposit',
      'unknown',
    ])
      expect(types.has(type)).toBe(true);
    for (const t of history.transactions) {
      expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isInteger(t.amountCents)).toBe(true);
      expect(t.amountCents).not.toBe(0);
    }
  });

  it('settles each past month of the deferred-debit card on the checking account', () => {
    const purchasesByMonth = new Map<string, number>();
    for (const t of on(card).filter((t) => t.operationType === 'card' && !t.future)) {
      const month = t.transactionDate!.slice(0, 7);
      purchasesByMonth.set(month, (purchasesByMonth.get(month) ?? 0) + t.amountCents);
      const [year, monthNumber] = month.split('-').map(Number) as [number, number];
      expect(t.bookingDate).toBe(isoDay(lastBusinessDayOfMonth(year, monthNumber)));
      expect(t.date).toBe(t.transactionDate);
      expect(t.providerDescription).toMatch(/^CARTE X\d{4} \d{2}\/\d{2} /);
    }
    const debits = on(checking).filter((t) => t.operationType === 'deferred_debit_card');
    const compensations = on(card).filter((t) => t.operationType === 'deferred_debit_card');
    expect(debits.length).toBe(24);
    expect(compensations.length).toBe(24);
    for (const debit of debits) {
      const month = debit.date.slice(0, 7);
      expect(debit.amountCents).toBe(purchasesByMonth.get(month));
      expect(debit.amountCents).toBeLessThan(0);
      expect(debit.providerDescription).toMatch(/^CARTE X\d{4} RELEVE DIFFERE$/);
      expect(compensations.find((c) => c.date === debit.date)!.amountCents).toBe(-debit.amountCents);
    }
    // Current month: pending purchases, no booking date yet, no settlement.
    const current = on(card).filter((t) => t.transactionDate! >= '2026-03-01');
    expect(current.length).toBeGreaterThan(0);
    for (const t of current) {
      expect(t.future).toBe(true);
      expect(t.bookingDate).toBeNull();
    }
  });

  it('keeps savings positive with a few transfers and a yearly interest line', () => {
    const lines = on(savings);
    expect(lines.filter((t) => t.providerDescription.startsWith('INTERETS CREDITEURS')).map((t) => t.date)).toEqual([
      '2024-12-31',
      '2025-12-31',
    ]);
    let balance = history.openingCents.get(savings)!;
    for (const t of lines) {
      balance += t.amountCents;
      expect(balance).toBeGreaterThan(0);
    }
  });

  it('opens the checking account high enough to stay positive', () => {
    let balance = history.openingCents.get(checking)!;
    for (const t of on(checking)) {
      balance += t.amountCents;
      expect(balance).toBeGreaterThan(0);
    }
  });

  it('scales with transactionsPerMonth for benchmarks', () => {
    const { history: big } = generate('bench@example.com', 179, { transactionsPerMonth: 300, historyMonths: 3 });
    const { history: none } = generate('bench@example.com', 179, { transactionsPerMonth: 0, historyMonths: 3 });
    expect(big.transactions.length).toBeGreaterThan(1000);
    expect(none.transactions.filter((t) => t.operationType === 'card').length).toBe(0);
  });
});
