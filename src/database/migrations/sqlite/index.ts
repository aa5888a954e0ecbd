import type { MigrationInterface } from 'typeorm';

import { Initial1795000000000 } from './1795000000000-Initial.js';

// Ordered; a merged migration is never edited: add a new one (generated per dialect, then reviewed).
export const SQLITE_MIGRATIONS: (new () => MigrationInterface)[] = [Initial1795000000000];
