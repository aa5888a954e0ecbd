import type { MigrationInterface } from 'typeorm';

import { Initial1795000000000 } from './1795000000000-Initial.js';
import { SyncCursor1795000100000 } from './1795000100000-SyncCursor.js';
import { AdminAccounts1795000200000 } from './1795000200000-AdminAccounts.js';
import { UserDeactivatedAt1795000300000 } from './1795000300000-UserDeactivatedAt.js';
import { LineStale1795000400000 } from './1795000400000-LineStale.js';
import { ApiLogCompany1795000500000 } from './1795000500000-ApiLogCompany.js';
import { BridgeUserBinding1795000510000 } from './1795000510000-BridgeUserBinding.js';
import { FunnelContext1795000520000 } from './1795000520000-FunnelContext.js';
import { AdminRolesAndLoginThrottle1795000600000 } from './1795000600000-AdminRolesAndLoginThrottle.js';
import { Accounting1795000700000 } from './1795000700000-Accounting.js';
import { FecOrderIndex1795000800000 } from './1795000800000-FecOrderIndex.js';
import { IdempotencyRecord1795000900000 } from './1795000900000-IdempotencyRecord.js';
import { LineChanges1795000910000 } from './1795000910000-LineChanges.js';
import { StatementOpeningFromBank1795001200000 } from './1795001200000-StatementOpeningFromBank.js';
import { ApiLogRowCount1795001300000 } from './1795001300000-ApiLogRowCount.js';
import { MirrorStampIndex1795001400000 } from './1795001400000-MirrorStampIndex.js';
import { MirrorFilingMarker1795001500000 } from './1795001500000-MirrorFilingMarker.js';
import { StatementTotals1795001600000 } from './1795001600000-StatementTotals.js';

// Ordered; a merged migration is never edited: add a new one (generated per dialect, then reviewed).
export const MARIADB_MIGRATIONS: (new () => MigrationInterface)[] = [Initial1795000000000, SyncCursor1795000100000, AdminAccounts1795000200000, UserDeactivatedAt1795000300000, LineStale1795000400000, ApiLogCompany1795000500000, BridgeUserBinding1795000510000, FunnelContext1795000520000, AdminRolesAndLoginThrottle1795000600000, Accounting1795000700000, FecOrderIndex1795000800000, IdempotencyRecord1795000900000, LineChanges1795000910000, StatementOpeningFromBank1795001200000, ApiLogRowCount1795001300000, MirrorStampIndex1795001400000, MirrorFilingMarker1795001500000, StatementTotals1795001600000];
