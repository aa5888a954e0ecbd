import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';

import type { BankAccount } from '../bank-accounts/bank-account.entity.js';
import { BridgeClient } from '../bridge/bridge.client.js';
import { Clock } from '../common/clock/clock.js';
import type { BridgeAccount, BridgeConnection, BridgeTransaction, BridgeUser } from '../bridge/bridge.types.js';
import { BankStatement } from '../statements/bank-statement.entity.js';
import { BankTransaction } from '../statements/bank-transaction.entity.js';
import { StatementLine } from '../statements/statement-line.entity.js';
import { decideLine, type LineSettings, type MirroredTransaction } from './line-rules.js';
import { BankAccountSyncCursor } from './sync-cursor.entity.js';
import type { SyncCounts } from './sync-result.js';

const INSERT_CHUNK = 200;
const SCAN_CHUNK = 1000;
// Bridge stamps may land slightly out of order: re-read a margin before the cursor (rows are upserted, never doubled).
const CURSOR_OVERLAP_MS = 2 * 60_000;

export interface ImportParams {
  statement: BankStatement;
  bankAccount: BankAccount;
  feeding: BridgeAccount[];
  connection: BridgeConnection;
  user: BridgeUser;
}

type MirrorValues = Omit<BankTransaction, 'id' | 'bankAccount' | 'createdAt' | 'updatedAt' | keyof import('typeorm').BaseEntity>;

/**
 * PRODUCT.md §5: mirrors Bridge transactions page by page (batched writes, memory independent of history size),
 * moves each account's cursor only once its whole listing is committed, applies bank-side changes to the lines, then
 * files the unassigned operations of the period into the statement. Run under the bank account's lock.
 */
@Injectable()
export class StatementImporter {
  private readonly logger = new Logger(StatementImporter.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bridge: BridgeClient,
    private readonly clock: Clock,
  ) {}

  async run(params: ImportParams): Promise<SyncCounts> {
    const counts: SyncCounts = { imported: 0, updated: 0, removed: 0, skipped: 0, reviewRequired: 0 };
    const changed = new Set<number>();
    for (const account of params.feeding) {
      for (const id of await this.mirrorAccount(params, account)) changed.add(id);
    }
    const settings = lineSettings(params.bankAccount, params.feeding);
    const deferredDates = await this.deferredDebitDates(params.bankAccount.id);
    await this.applyBankChanges([...changed], settings, deferredDates, counts);
    await this.fileUnassigned(params, settings, deferredDates, counts);
    this.logger.log(
      `Statement ${params.statement.id} (bank account ${params.bankAccount.id}) synced: ${counts.imported} imported, ${counts.updated} updated, ${counts.removed} removed, ${counts.skipped} left out, ${counts.reviewRequired} to review`,
    );
    return counts;
  }

  /** Mirrors one Bridge account; returns the mirror ids of rows that existed and changed. */
  private async mirrorAccount(params: ImportParams, account: BridgeAccount): Promise<number[]> {
    const cursors = this.dataSource.getRepository(BankAccountSyncCursor);
    const cursor = await cursors.findOneBy({ bankAccountId: params.bankAccount.id, bridgeAccountId: account.id });
    const since = cursor ? new Date(Date.parse(cursor.updatedAt) - CURSOR_OVERLAP_MS).toISOString() : undefined;
    let newest = cursor?.updatedAt ?? null;
    const changed: number[] = [];

    for await (const page of this.bridge.transactionPages(params.connection, params.user, { accountId: account.id, since })) {
      // Each page is committed on its own: a failure later leaves the cursor where it was, and the rerun re-reads.
      const pageChanged = await this.dataSource.transaction((manager) => this.upsertPage(manager, params.bankAccount.id, account, page));
      changed.push(...pageChanged);
      for (const transaction of page) {
        if (newest === null || Date.parse(transaction.updatedAt) > Date.parse(newest)) newest = transaction.updatedAt;
      }
    }
    if (newest !== null && newest !== cursor?.updatedAt) {
      if (cursor) {
        await cursors.update(cursor.id, { updatedAt: newest, syncedAt: this.clock.now() });
      } else {
        await cursors.insert({ bankAccountId: params.bankAccount.id, bridgeAccountId: account.id, updatedAt: newest, syncedAt: this.clock.now() });
      }
    }
    return changed;
  }

  private async upsertPage(manager: EntityManager, bankAccountId: number, account: BridgeAccount, page: BridgeTransaction[]): Promise<number[]> {
    if (page.length === 0) {
      return [];
    }
    const incoming = new Map(page.map((transaction) => [transaction.id, mirrorValues(bankAccountId, account, transaction)]));
    const existing = await manager.find(BankTransaction, {
      where: { bankAccountId, bridgeAccountId: account.id, bridgeTransactionId: In([...incoming.keys()]) },
    });
    const known = new Map(existing.map((row) => [row.bridgeTransactionId, row]));
    const inserts: MirrorValues[] = [];
    const changed: number[] = [];
    for (const [bridgeId, values] of incoming) {
      const row = known.get(bridgeId);
      if (!row) {
        inserts.push(values);
      } else if (values.bridgeUpdatedAt.getTime() >= row.bridgeUpdatedAt.getTime() && differs(row, values)) {
        // Changes are rare next to inserts: one update each is fine.
        await manager.update(BankTransaction, row.id, values);
        changed.push(row.id);
      }
    }
    for (let index = 0; index < inserts.length; index += INSERT_CHUNK) {
      await manager.insert(BankTransaction, inserts.slice(index, index + INSERT_CHUNK));
    }
    return changed;
  }

  /** Bank-side updates and deletions: unposted lines follow; posted lines (or lines of a closed statement) are flagged. */
  private async applyBankChanges(mirrorIds: number[], settings: LineSettings, deferredDates: string[], counts: SyncCounts): Promise<void> {
    for (let index = 0; index < mirrorIds.length; index += SCAN_CHUNK) {
      const chunk = mirrorIds.slice(index, index + SCAN_CHUNK);
      await this.dataSource.transaction(async (manager) => {
        const lines = await manager.find(StatementLine, { where: { bankTransactionId: In(chunk) }, relations: { bankTransaction: true, statement: true } });
        for (const line of lines) {
          const transaction = line.bankTransaction!;
          const decision = decideLine(transaction, settings, deferredDates);
          const frozen = line.postedAt !== null || line.statement.state === 'closed';
          if (decision.kind === 'skip') {
            if (frozen) {
              await manager.update(StatementLine, line.id, { reviewRequired: true, reviewNote: `Supprimée par la banque (${decision.reason === 'deleted' ? 'opération supprimée' : 'opération devenue à venir ou regroupée'}) : la ligne passée en comptabilité est à revoir.` });
              counts.reviewRequired++;
            } else {
              await manager.delete(StatementLine, line.id);
              counts.removed++;
            }
            continue;
          }
          if (decision.date === line.date && decision.label === line.label && transaction.amount === line.amount) {
            continue;
          }
          if (frozen) {
            await manager.update(StatementLine, line.id, {
              reviewRequired: true,
              reviewNote: `Modifiée par la banque : date ${decision.date}, libellé « ${decision.label} », montant ${transaction.amount} ${transaction.currency}.`,
            });
            counts.reviewRequired++;
          } else {
            await manager.update(StatementLine, line.id, { date: decision.date, label: decision.label, amount: transaction.amount });
            counts.updated++;
          }
        }
      });
    }
  }

  /** Files the unassigned mirrored operations of the statement's period (and older ones with the option). */
  private async fileUnassigned(params: ImportParams, settings: LineSettings, deferredDates: string[], counts: SyncCounts): Promise<void> {
    const { statement, bankAccount } = params;
    let lastId = 0;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(BankTransaction)
        .createQueryBuilder('tx')
        .leftJoin(StatementLine, 'line', 'line.bankTransactionId = tx.id')
        .where('tx.bankAccountId = :bankAccountId', { bankAccountId: bankAccount.id })
        .andWhere('tx.deleted = 0')
        .andWhere('line.id IS NULL')
        .andWhere('tx.id > :lastId', { lastId })
        .orderBy('tx.id', 'ASC')
        .limit(SCAN_CHUNK)
        .getMany();
      if (rows.length === 0) {
        return;
      }
      const lines: Partial<StatementLine>[] = [];
      for (const row of rows) {
        const decision = decideLine(row, settings, deferredDates);
        const inPeriod = decision.kind === 'line' && decision.date >= statement.dateStart && (statement.dateEnd === null || decision.date <= statement.dateEnd);
        const older = decision.kind === 'line' && decision.date < statement.dateStart && bankAccount.includeOlderLines;
        if (decision.kind === 'line' && (inPeriod || older)) {
          lines.push({ statementId: statement.id, bankTransactionId: row.id, date: decision.date, label: decision.label, amount: row.amount, currency: row.currency });
        } else {
          counts.skipped++;
        }
      }
      await this.dataSource.transaction(async (manager) => {
        for (let index = 0; index < lines.length; index += INSERT_CHUNK) {
          await manager.insert(StatementLine, lines.slice(index, index + INSERT_CHUNK));
        }
      });
      counts.imported += lines.length;
      lastId = rows.at(-1)!.id;
    }
  }

  private async deferredDebitDates(bankAccountId: number): Promise<string[]> {
    const rows: { date: string }[] = await this.dataSource
      .getRepository(BankTransaction)
      .createQueryBuilder('tx')
      .select('DISTINCT tx.date', 'date')
      .where('tx.bankAccountId = :bankAccountId', { bankAccountId })
      .andWhere("tx.operationType = 'deferred_debit_card'")
      .andWhere('tx.deleted = 0')
      .orderBy('tx.date', 'ASC')
      .getRawMany();
    return rows.map((row) => normalizeDate(row.date));
  }
}

function lineSettings(bankAccount: BankAccount, feeding: BridgeAccount[]): LineSettings {
  return {
    useCleanLabel: bankAccount.useCleanLabel,
    cardDatingMode: bankAccount.cardDatingMode,
    cardKeepDeferredTotal: bankAccount.cardKeepDeferredTotal,
    cardIncludeFuture: bankAccount.cardIncludeFuture,
    cardAccountFed: feeding.some((account) => account.type === 'card'),
  };
}

function mirrorValues(bankAccountId: number, account: BridgeAccount, transaction: BridgeTransaction): MirrorValues {
  return {
    bankAccountId,
    bridgeAccountId: account.id,
    bridgeTransactionId: transaction.id,
    bridgeItemId: account.itemId,
    accountType: account.type,
    cleanLabel: transaction.cleanLabel.slice(0, 500),
    originalLabel: transaction.originalLabel.slice(0, 500),
    amount: transaction.amount,
    currency: transaction.currency,
    date: transaction.date,
    transactionDate: transaction.transactionDate,
    bookingDate: transaction.bookingDate,
    valueDate: transaction.valueDate,
    operationType: transaction.operationType,
    categoryId: transaction.categoryId,
    future: transaction.future,
    deleted: transaction.deleted,
    bridgeUpdatedAt: new Date(transaction.updatedAt),
  };
}

const COMPARED: (keyof MirroredTransaction | 'categoryId' | 'currency')[] = [
  'cleanLabel',
  'originalLabel',
  'amount',
  'currency',
  'date',
  'transactionDate',
  'bookingDate',
  'valueDate',
  'operationType',
  'categoryId',
  'future',
  'deleted',
  'accountType',
];

function differs(row: BankTransaction, values: MirrorValues): boolean {
  return COMPARED.some((field) => (row[field] ?? null) !== (values[field] ?? null));
}

// mysql2 may hand DATE back as a string already; SQLite too. Keep the YYYY-MM-DD part whatever the driver did.
function normalizeDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
