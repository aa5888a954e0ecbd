import { CounterpartRule } from '../accounting/counterpart-rule.entity.js';
import { EntrySequence } from '../accounting/entry-sequence.entity.js';
import { FiscalYear } from '../accounting/fiscal-year.entity.js';
import { JournalEntryLine } from '../accounting/journal-entry-line.entity.js';
import { JournalEntry } from '../accounting/journal-entry.entity.js';
import { AdminAccount } from '../admin-accounts/admin-account.entity.js';
import { AdminSession } from '../admin-accounts/admin-session.entity.js';
import { LoginThrottle } from '../admin-accounts/login-throttle.entity.js';
import { ApiLog } from '../api-logs/api-log.entity.js';
import { ApiKey } from '../auth/api-key.entity.js';
import { BankAccount } from '../bank-accounts/bank-account.entity.js';
import { BillingReport } from '../billing/billing-report.entity.js';
import { BridgeConfig } from '../bridge-config/bridge-config.entity.js';
import { Company } from '../companies/company.entity.js';
import { ConnectionLog } from '../connection-log/connection-log.entity.js';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity.js';
import { BalanceSnapshot } from '../statements/balance-snapshot.entity.js';
import { BankStatement } from '../statements/bank-statement.entity.js';
import { BankTransaction } from '../statements/bank-transaction.entity.js';
import { MirrorFilingCursor } from '../statements/mirror-filing-cursor.entity.js';
import { StatementLineSequence } from '../statements/statement-line-sequence.entity.js';
import { StatementLineTombstone } from '../statements/statement-line-tombstone.entity.js';
import { StatementLine } from '../statements/statement-line.entity.js';
import { BridgeUserBinding } from '../synchro/bridge-user-binding.entity.js';
import { FunnelContext } from '../synchro/funnel-context.entity.js';
import { BankAccountSyncCursor } from '../synchro/sync-cursor.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, as classes (not globs) so the same list works from src/ under Jest and from dist/. */
export const ENTITIES = [
  AdminAccount,
  AdminSession,
  ApiKey,
  ApiLog,
  BalanceSnapshot,
  BankAccount,
  BankAccountSyncCursor,
  BankStatement,
  BankTransaction,
  BillingReport,
  BridgeConfig,
  BridgeUserBinding,
  Company,
  ConnectionLog,
  CounterpartRule,
  EntrySequence,
  FiscalYear,
  JournalEntry,
  JournalEntryLine,
  FunnelContext,
  IdempotencyRecord,
  LoginThrottle,
  MirrorFilingCursor,
  StatementLine,
  StatementLineSequence,
  StatementLineTombstone,
  User,
];
