/**
 * Deterministic bank data for a new item: account identities (ids, names, valid IBANs) and months of realistic
 * French transactions. Everything derives from (sandbox seed, user key, provider id), so the same seed always
 * yields the same data, and a test can preview the accounts (and their IBANs) before the funnel creates them.
 */
import type { Provider } from './catalog.js';
import {
  addMonths,
  dayNumberOfYmd,
  daysInMonth,
  ddmm,
  isoDay,
  lastBusinessDayOfMonth,
  nextBusinessDay,
  onOrAfterBusinessDay,
  ymdOf,
} from './dates.js';
import { belgianIban, frenchIban } from './iban.js';
import { Prng } from './prng.js';

export interface GeneratorSettings {
  seed: number;
  historyMonths: number;
  transactionsPerMonth: number;
}

export type AccountType = 'checking' | 'savings' | 'card';

export interface AccountPlan {
  id: number;
  type: AccountType;
  name: string;
  /** Electronic format; null for the card account (cards carry no IBAN). */
  iban: string | null;
  pro: boolean;
}

export interface ItemPlan {
  itemId: number;
  /** Transaction ids of the item are firstTransactionId, firstTransactionId + 1, … (a block of BLOCK_SIZE). */
  firstTransactionId: number;
  accounts: AccountPlan[];
}

/** Lets the generator avoid ids already used in the store (collisions are rare but possible). */
export interface IdRegistry {
  itemIdTaken(id: number): boolean;
  accountIdTaken(id: number): boolean;
  transactionBlockTaken(firstTransactionId: number): boolean;
}

export interface GeneratedTransaction {
  id: number;
  accountId: number;
  amountCents: number;
  date: string;
  bookingDate: string | null;
  transactionDate: string | null;
  valueDate: string | null;
  providerDescription: string;
  cleanDescription: string;
  categoryId: number;
  operationType: string;
  future: boolean;
}

export interface GeneratedHistory {
  transactions: GeneratedTransaction[];
  /** Balance of each account before its first generated transaction, so balances match the lines. */
  openingCents: Map<number, number>;
}

/** 14-digit transaction ids like Bridge's (36000051006608): 36 000 000 000 000 + block × 1 000 000 + n. */
const TRANSACTION_ID_BASE = 36_000_000_000_000;
export const BLOCK_SIZE = 1_000_000;
const BLOCK_COUNT = 1_000_000;

const ITEM_IDS = { min: 1_000_000, max: 39_999_999 };
const ACCOUNT_IDS = { min: 40_000_000, max: 99_999_999 };

/** Next free value in [min, max], wrapping around; the store holds far fewer ids than the range. */
function probe(start: number, min: number, max: number, taken: (value: number) => boolean): number {
  let value = start;
  while (taken(value)) value = value >= max ? min : value + 1;
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-user profile: what stays the same month after month for one user at one bank.

const EMPLOYERS = [
  'ACME CONSEIL',
  'SARL MARTIN ET FILS',
  'GROUPE DURAND',
  'BOULANGERIE PETIT',
  'SAS HORIZON LOGISTIQUE',
  'CABINET LEROY',
];
const CLIENTS = [
  'DUPONT',
  'MARTIN',
  'BERNARD',
  'THOMAS',
  'PETIT',
  'ROBERT',
  'RICHARD',
  'DURAND',
  'MOREAU',
  'LAURENT',
  'SIMON',
  'MICHEL',
];
const CITIES = ['PARIS', 'LYON', 'MARSEILLE', 'LILLE', 'NANTES', 'BORDEAUX', 'TOULOUSE', 'RENNES'];

interface Profile {
  branchCode: string;
  checkingNumber: string;
  savingsNumber: string;
  cardLast4: string;
  employer: string;
  salaryCents: number;
  urssafCents: number;
  edfCents: number;
  feeCents: number;
  checkingCushionCents: number;
  savingsOpeningCents: number;
  firstChequeNumber: number;
  city: string;
  clients: string[];
}

function profileOf(seed: number, userKey: string, provider: Provider): Profile {
  const rng = new Prng(`${seed}|${userKey}|${provider.id}|profile`);
  const belgian = provider.countryCode === 'BE';
  const checkingNumber = rng.digits(belgian ? 7 : 11);
  let savingsNumber = rng.digits(belgian ? 7 : 11);
  if (savingsNumber === checkingNumber) savingsNumber = savingsNumber.slice(1) + '7';
  const clients = CLIENTS.filter(() => rng.chance(0.5));
  return {
    branchCode: rng.digits(5),
    checkingNumber,
    savingsNumber,
    cardLast4: String(rng.int(1000, 9999)),
    employer: rng.pick(EMPLOYERS),
    salaryCents: rng.int(2_200, 4_200) * 100,
    urssafCents: rng.int(25_000, 95_000),
    edfCents: rng.int(4_500, 14_000),
    feeCents: rng.pick([250, 390, 500, 650, 890]),
    checkingCushionCents: rng.int(1_500, 6_000) * 100,
    savingsOpeningCents: rng.int(2_000, 15_000) * 100,
    firstChequeNumber: rng.int(1_000_000, 9_000_000),
    city: rng.pick(CITIES),
    clients: clients.length > 0 ? clients : ['DUPONT'],
  };
}

function ibanOf(provider: Provider, profile: Profile, accountNumber: string): string {
  return provider.countryCode === 'BE'
    ? belgianIban(provider.bankCode, accountNumber)
    : frenchIban(provider.bankCode, profile.branchCode, accountNumber);
}

/**
 * Ids and identities of the item a connection creates. `ordinal` (how many items this user already has at this
 * provider) keeps a second connection to the same bank from reusing the first one's ids; IBANs stay the same,
 * like reconnecting the same real bank accounts.
 */
export function planItem(
  settings: GeneratorSettings,
  userKey: string,
  provider: Provider,
  ordinal: number,
  registry: IdRegistry,
): ItemPlan {
  const profile = profileOf(settings.seed, userKey, provider);
  const rng = new Prng(`${settings.seed}|${userKey}|${provider.id}|ids|${ordinal}`);
  const itemId = probe(rng.int(ITEM_IDS.min, ITEM_IDS.max), ITEM_IDS.min, ITEM_IDS.max, (id) =>
    registry.itemIdTaken(id),
  );
  const used = new Set<number>();
  const accountId = (): number => {
    const id = probe(
      rng.int(ACCOUNT_IDS.min, ACCOUNT_IDS.max),
      ACCOUNT_IDS.min,
      ACCOUNT_IDS.max,
      (value) => used.has(value) || registry.accountIdTaken(value),
    );
    used.add(id);
    return id;
  };
  const block = probe(rng.int(0, BLOCK_COUNT - 1), 0, BLOCK_COUNT - 1, (value) =>
    registry.transactionBlockTaken(TRANSACTION_ID_BASE + value * BLOCK_SIZE),
  );
  return {
    itemId,
    firstTransactionId: TRANSACTION_ID_BASE + block * BLOCK_SIZE,
    accounts: [
      {
        id: accountId(),
        type: 'checking',
        name: provider.checkingName,
        iban: ibanOf(provider, profile, profile.checkingNumber),
        pro: provider.pro,
      },
      {
        id: accountId(),
        type: 'savings',
        name: provider.savingsName,
        iban: ibanOf(provider, profile, profile.savingsNumber),
        pro: provider.pro,
      },
      {
        id: accountId(),
        type: 'card',
        name: `${provider.cardName} ****${profile.cardLast4}`,
        iban: null,
        pro: provider.pro,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// History.

interface Line {
  account: AccountType;
  amountCents: number;
  /** Day the operation happened (purchase day, transfer day). */
  operationDay: number;
  /** Day posted to the account; null while pending (future card purchases). */
  bookingDay: number | null;
  valueDay: number | null;
  label: string;
  clean: string;
  categoryId: number;
  operationType: string;
  future: boolean;
  /** Card purchases are dated by purchase day and always show transaction_date (and booking_date once settled). */
  cardPurchase: boolean;
}

interface Merchant {
  raw: string;
  clean: string;
  categoryId: number;
  min: number;
  max: number;
}

const SHOPS: Merchant[] = [
  { raw: 'CARREFOUR', clean: 'Carrefour', categoryId: 273, min: 800, max: 16_000 },
  { raw: 'MONOPRIX', clean: 'Monoprix', categoryId: 273, min: 500, max: 9_000 },
  { raw: 'E.LECLERC', clean: 'E.Leclerc', categoryId: 273, min: 1_500, max: 18_000 },
  { raw: 'TOTALENERGIES', clean: 'TotalEnergies', categoryId: 87, min: 3_000, max: 9_500 },
  { raw: 'SNCF INTERNET', clean: 'SNCF', categoryId: 197, min: 2_000, max: 15_000 },
  { raw: 'BOULANGERIE PAUL', clean: 'Paul', categoryId: 260, min: 250, max: 2_500 },
  { raw: 'BUREAU VALLEE', clean: 'Bureau Vallée', categoryId: 244, min: 900, max: 12_000 },
];

const CARD_SHOPS: Merchant[] = [
  { raw: 'AMAZON PAYMENTS', clean: 'Amazon', categoryId: 243, min: 900, max: 18_000 },
  { raw: 'AIR FRANCE', clean: 'Air France', categoryId: 197, min: 9_000, max: 45_000 },
  { raw: 'HOTEL IBIS', clean: 'Ibis', categoryId: 282, min: 6_000, max: 22_000 },
  { raw: 'FNAC DARTY', clean: 'Fnac', categoryId: 243, min: 1_500, max: 35_000 },
  { raw: 'RESTAURANT LE ZINC', clean: 'Le Zinc', categoryId: 260, min: 1_800, max: 9_000 },
  { raw: 'APRR AUTOROUTE', clean: 'APRR', categoryId: 198, min: 450, max: 4_500 },
  { raw: 'UBER BV', clean: 'Uber', categoryId: 197, min: 900, max: 5_500 },
];

const CREDITORS: Merchant[] = [
  { raw: 'ORANGE SA', clean: 'Orange', categoryId: 218, min: 2_999, max: 7_999 },
  { raw: 'FREE MOBILE', clean: 'Free Mobile', categoryId: 218, min: 999, max: 1_999 },
  { raw: 'AXA FRANCE IARD', clean: 'AXA', categoryId: 282, min: 3_500, max: 12_000 },
  { raw: 'OVH SAS', clean: 'OVHcloud', categoryId: 244, min: 599, max: 4_800 },
];

const SUPPLIERS = ['METRO FRANCE', 'SCI LES TILLEULS', 'FOURNITURES LEGRAND', 'TRANSPORTS MARTIN'];

type FillerKind =
  'card' | 'withdrawal' | 'debit' | 'client' | 'supplier' | 'cheque' | 'cheque_deposit' | 'cash_deposit';

const FILLERS: { weight: number; value: FillerKind }[] = [
  { weight: 45, value: 'card' },
  { weight: 15, value: 'withdrawal' },
  { weight: 10, value: 'debit' },
  { weight: 9, value: 'client' },
  { weight: 6, value: 'supplier' },
  { weight: 7, value: 'cheque' },
  { weight: 5, value: 'cheque_deposit' },
  { weight: 3, value: 'cash_deposit' },
];

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

class HistoryBuilder {
  readonly lines: Line[] = [];
  private savingsCents: number;
  private chequeNumber: number;

  constructor(
    private readonly settings: GeneratorSettings,
    private readonly userKey: string,
    private readonly provider: Provider,
    private readonly profile: Profile,
    private readonly today: number,
  ) {
    this.savingsCents = profile.savingsOpeningCents;
    this.chequeNumber = profile.firstChequeNumber;
  }

  /** One calendar month; lines dated after today are dropped (they have not happened yet). */
  month(year: number, month: number): void {
    const rng = new Prng(`${this.settings.seed}|${this.userKey}|${this.provider.id}|month|${year}-${month}`);
    const first = dayNumberOfYmd(year, month, 1);
    const length = daysInMonth(year, month);
    const lastBusinessDay = lastBusinessDayOfMonth(year, month);
    const closed = lastBusinessDay <= this.today;
    const perMonth = this.settings.transactionsPerMonth;
    const checking = (
      line: Omit<Line, 'account' | 'future' | 'cardPurchase' | 'valueDay'> & { valueDay?: number | null },
    ): void => {
      this.push({ valueDay: line.bookingDay, ...line, account: 'checking', future: false, cardPurchase: false });
    };

    // Recurring lines first (they are part of the month's count).
    if (!this.provider.pro) {
      const day = onOrAfterBusinessDay(lastBusinessDay - rng.int(2, 4));
      checking({
        amountCents: this.profile.salaryCents,
        operationDay: day,
        bookingDay: day,
        label: `VIR SEPA SALAIRE ${this.profile.employer}`,
        clean: titleCase(this.profile.employer),
        categoryId: 230,
        operationType: 'transfer',
      });
    }
    const urssafDay = onOrAfterBusinessDay(first + 4);
    const urssaf = Math.round((this.profile.urssafCents * rng.int(90, 110)) / 100);
    checking({
      amountCents: -urssaf,
      operationDay: urssafDay,
      bookingDay: urssafDay,
      label: 'PRLV SEPA URSSAF',
      clean: 'Urssaf',
      categoryId: 206,
      operationType: 'direct_debit',
    });
    const edfDay = onOrAfterBusinessDay(first + rng.int(8, 12));
    const edf = Math.round((this.profile.edfCents * rng.int(80, 125)) / 100);
    checking({
      amountCents: -edf,
      operationDay: edfDay,
      bookingDay: edfDay,
      label: 'PRLV SEPA EDF',
      clean: 'EDF',
      categoryId: 217,
      operationType: 'direct_debit',
    });
    const feeDay = onOrAfterBusinessDay(first + 2);
    checking({
      amountCents: -this.profile.feeCents,
      operationDay: feeDay,
      bookingDay: feeDay,
      label: 'FRAIS TENUE DE COMPTE',
      clean: 'Frais de tenue de compte',
      categoryId: 79,
      operationType: 'unknown',
    });
    let recurring = this.provider.pro ? 4 : 5; // + the deferred debit below
    if (rng.chance(0.3)) {
      recurring++;
      const day = onOrAfterBusinessDay(first + 14);
      const amount = rng.int(1, 10) * 10_000;
      checking({
        amountCents: -amount,
        operationDay: day,
        bookingDay: day,
        label: `VIR SEPA VERS ${this.savingsLabel()}`,
        clean: `Virement vers ${this.savingsLabel(true)}`,
        categoryId: 326,
        operationType: 'transfer',
      });
      this.savings(amount, day, 'VIR SEPA DEPUIS COMPTE COURANT', 'Virement depuis compte courant', 326, 'transfer');
    } else if (this.savingsCents > 300_000 && rng.chance(0.08)) {
      recurring++;
      const day = onOrAfterBusinessDay(first + 19);
      const amount = rng.int(5, 20) * 10_000;
      this.savings(-amount, day, 'VIR SEPA VERS COMPTE COURANT', 'Virement vers compte courant', 326, 'transfer');
      checking({
        amountCents: amount,
        operationDay: day,
        bookingDay: day,
        label: `VIR SEPA DEPUIS ${this.savingsLabel()}`,
        clean: `Virement depuis ${this.savingsLabel(true)}`,
        categoryId: 326,
        operationType: 'transfer',
      });
    }
    if (month === 12) {
      const day = lastBusinessDay;
      const interest = Math.round((this.savingsCents * 3) / 200); // 1.5 % a year
      if (interest > 0) this.savings(interest, day, `INTERETS CREDITEURS ${year}`, 'Intérêts', 232, 'unknown');
    }

    for (let i = 0; i < perMonth - recurring; i++) {
      this.filler(rng, first + rng.int(0, length - 1));
    }

    // Deferred-debit card: purchases until the settlement day, settled on the last business day of the month.
    const purchases = perMonth > 0 ? Math.max(1, Math.round(perMonth / 3)) : 0;
    let cardTotal = 0;
    for (let i = 0; i < purchases; i++) {
      const shop = rng.pick(CARD_SHOPS);
      const day = first + rng.int(0, lastBusinessDay - first);
      const amount = rng.int(shop.min, shop.max);
      if (!closed && day > this.today) continue;
      cardTotal += amount;
      this.push({
        account: 'card',
        amountCents: -amount,
        operationDay: day,
        bookingDay: closed ? lastBusinessDay : null,
        valueDay: closed ? lastBusinessDay : null,
        label: `CARTE X${this.profile.cardLast4} ${ddmm(day)} ${shop.raw}`,
        clean: shop.clean,
        categoryId: shop.categoryId,
        operationType: 'card',
        future: !closed,
        cardPurchase: true,
      });
    }
    if (closed && cardTotal > 0) {
      const card = `CARTE X${this.profile.cardLast4}`;
      checking({
        amountCents: -cardTotal,
        operationDay: lastBusinessDay,
        bookingDay: lastBusinessDay,
        label: `${card} RELEVE DIFFERE`,
        clean: `Relevé carte X${this.profile.cardLast4}`,
        categoryId: 327,
        operationType: 'deferred_debit_card',
      });
      this.push({
        account: 'card',
        amountCents: cardTotal,
        operationDay: lastBusinessDay,
        bookingDay: lastBusinessDay,
        valueDay: lastBusinessDay,
        label: `REGLEMENT RELEVE ${card}`,
        clean: `Règlement relevé carte X${this.profile.cardLast4}`,
        categoryId: 327,
        operationType: 'deferred_debit_card',
        future: false,
        cardPurchase: false,
      });
    }
  }

  private savingsLabel(clean = false): string {
    return clean ? this.provider.savingsName : this.provider.savingsName.toUpperCase();
  }

  private savings(
    amountCents: number,
    day: number,
    label: string,
    clean: string,
    categoryId: number,
    operationType: string,
  ): void {
    // The running balance (for the yearly interest) only counts lines that exist.
    if (
      this.push({
        account: 'savings',
        amountCents,
        operationDay: day,
        bookingDay: day,
        valueDay: day,
        label,
        clean,
        categoryId,
        operationType,
        future: false,
        cardPurchase: false,
      })
    ) {
      this.savingsCents += amountCents;
    }
  }

  private filler(rng: Prng, day: number): void {
    const kind = rng.weighted(FILLERS);
    const base = { account: 'checking' as const, future: false, cardPurchase: false };
    switch (kind) {
      case 'card': {
        // Immediate-debit card used on the checking account itself: booked the next business day.
        const shop = rng.pick(SHOPS);
        const booking = nextBusinessDay(day);
        this.push({
          ...base,
          amountCents: -rng.int(shop.min, shop.max),
          operationDay: day,
          bookingDay: booking,
          valueDay: booking,
          label: `CB ${shop.raw} ${ddmm(day)}`,
          clean: shop.clean,
          categoryId: shop.categoryId,
          operationType: 'card',
        });
        return;
      }
      case 'withdrawal': {
        const booking = nextBusinessDay(day);
        const city = rng.chance(0.7) ? this.profile.city : rng.pick(CITIES);
        this.push({
          ...base,
          amountCents: -rng.int(2, 30) * 1_000,
          operationDay: day,
          bookingDay: booking,
          valueDay: booking,
          label: `RETRAIT DAB ${ddmm(day)} ${city}`,
          clean: `Retrait DAB ${titleCase(city)}`,
          categoryId: 85,
          operationType: 'withdrawal',
        });
        return;
      }
      case 'debit': {
        const creditor = rng.pick(CREDITORS);
        const booking = onOrAfterBusinessDay(day);
        this.push({
          ...base,
          amountCents: -rng.int(creditor.min, creditor.max),
          operationDay: booking,
          bookingDay: booking,
          valueDay: booking,
          label: `PRLV SEPA ${creditor.raw}`,
          clean: creditor.clean,
          categoryId: creditor.categoryId,
          operationType: 'direct_debit',
        });
        return;
      }
      case 'client': {
        const client = rng.pick(this.profile.clients);
        const booking = onOrAfterBusinessDay(day);
        this.push({
          ...base,
          amountCents: rng.int(100, 1_200) * 100 + rng.pick([0, 0, 50, 90]),
          operationDay: booking,
          bookingDay: booking,
          valueDay: booking,
          label: `VIR SEPA CLIENT ${client}`,
          clean: titleCase(client),
          categoryId: 231,
          operationType: 'transfer',
        });
        return;
      }
      case 'supplier': {
        const supplier = rng.pick(SUPPLIERS);
        const booking = onOrAfterBusinessDay(day);
        this.push({
          ...base,
          amountCents: -rng.int(5_000, 90_000),
          operationDay: booking,
          bookingDay: booking,
          valueDay: booking,
          label: `VIR SEPA ${supplier}`,
          clean: titleCase(supplier),
          categoryId: 282,
          operationType: 'transfer',
        });
        return;
      }
      case 'cheque': {
        const number = this.chequeNumber++;
        const booking = onOrAfterBusinessDay(day);
        this.push({
          ...base,
          amountCents: -rng.int(2_000, 80_000),
          operationDay: booking,
          bookingDay: booking,
          valueDay: booking - 1,
          label: `CHQ N° ${number}`,
          clean: `Chèque n° ${number}`,
          categoryId: 249,
          operationType: 'check',
        });
        return;
      }
      case 'cheque_deposit': {
        const booking = onOrAfterBusinessDay(day);
        const slip = rng.int(1_000_000, 9_999_999);
        this.push({
          ...base,
          amountCents: rng.int(3_000, 60_000),
          operationDay: booking,
          bookingDay: booking,
          valueDay: nextBusinessDay(booking),
          label: `REMISE CHEQUE N° ${slip}`,
          clean: 'Remise de chèques',
          categoryId: 250,
          operationType: 'deposit',
        });
        return;
      }
      case 'cash_deposit': {
        const booking = onOrAfterBusinessDay(day);
        this.push({
          ...base,
          amountCents: rng.int(5, 50) * 1_000,
          operationDay: booking,
          bookingDay: booking,
          valueDay: booking,
          label: 'VERSEMENT ESPECES',
          clean: 'Versement espèces',
          categoryId: 250,
          operationType: 'deposit',
        });
        return;
      }
    }
  }

  /** Keeps the line if it already exists today (it happened and, unless pending, was posted); says whether it did. */
  private push(line: Line): boolean {
    const visibleFrom = line.future
      ? line.operationDay
      : Math.max(line.operationDay, line.bookingDay ?? line.operationDay, line.valueDay ?? 0);
    if (visibleFrom > this.today) return false;
    this.lines.push(line);
    return true;
  }
}

/**
 * The item's transactions: `historyMonths` whole calendar months before the current one, plus the current month up
 * to today. Ids grow with the date, so (date desc, id desc) is a stable reverse-chronological order.
 */
export function generateHistory(
  settings: GeneratorSettings,
  plan: ItemPlan,
  userKey: string,
  provider: Provider,
  today: number,
): GeneratedHistory {
  const profile = profileOf(settings.seed, userKey, provider);
  const builder = new HistoryBuilder(settings, userKey, provider, profile, today);
  const { year, month } = ymdOf(today);
  for (let delta = -settings.historyMonths; delta <= 0; delta++) {
    const target = addMonths(year, month, delta);
    builder.month(target.year, target.month);
  }

  const accountOf = new Map(plan.accounts.map((account) => [account.type, account] as const));
  const order: Record<AccountType, number> = { checking: 0, savings: 1, card: 2 };
  const dated = builder.lines.map((line, index) => {
    const dates = provider.dates;
    const date = line.cardPurchase
      ? line.operationDay
      : dates.dateFrom === 'value'
        ? (line.valueDay ?? line.bookingDay ?? line.operationDay)
        : (line.bookingDay ?? line.operationDay);
    return { line, index, date };
  });
  dated.sort((a, b) => a.date - b.date || order[a.line.account] - order[b.line.account] || a.index - b.index);
  if (dated.length > BLOCK_SIZE) {
    throw new Error(
      `The generator produced ${dated.length} transactions for one item; at most ${BLOCK_SIZE} fit its id block (lower transactionsPerMonth or historyMonths)`,
    );
  }

  const transactions = dated.map(({ line, date }, position): GeneratedTransaction => {
    const dates = provider.dates;
    const showBooking = line.bookingDay !== null && (dates.bookingDate || line.cardPurchase);
    const showTransaction = dates.transactionDate || line.cardPurchase;
    const showValue = line.valueDay !== null && dates.valueDate;
    return {
      id: plan.firstTransactionId + position,
      accountId: accountOf.get(line.account)!.id,
      amountCents: line.amountCents,
      date: isoDay(date),
      bookingDate: showBooking ? isoDay(line.bookingDay!) : null,
      transactionDate: showTransaction ? isoDay(line.operationDay) : null,
      valueDate: showValue ? isoDay(line.valueDay!) : null,
      providerDescription: line.label,
      cleanDescription: line.clean,
      categoryId: line.categoryId,
      operationType: line.operationType,
      future: line.future,
    };
  });

  // Opening balances: the checking account starts with a cushion large enough never to go below it.
  const checkingId = accountOf.get('checking')!.id;
  let running = 0;
  let lowest = 0;
  for (const transaction of transactions) {
    if (transaction.accountId !== checkingId || transaction.future) continue;
    running += transaction.amountCents;
    lowest = Math.min(lowest, running);
  }
  const openingCents = new Map<number, number>([
    [checkingId, profile.checkingCushionCents - lowest],
    [accountOf.get('savings')!.id, profile.savingsOpeningCents],
    [accountOf.get('card')!.id, 0],
  ]);
  return { transactions, openingCents };
}
