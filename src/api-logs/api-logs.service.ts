import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { Clock } from '../common/clock/clock.js';
import { logPage, logWindow, type LogQueryDto } from '../common/logs/log-query.dto.js';
import type { Page } from '../common/pagination/page.js';
import { ApiLog } from './api-log.entity.js';

/** Names this log in its page cursors. */
const LIST = 'api-logs';

export type NewApiLog = Pick<
  ApiLog,
  | 'bridgeConfigId'
  | 'companyId'
  | 'method'
  | 'path'
  | 'status'
  | 'durationMs'
  | 'requestBody'
  | 'responseBody'
  | 'error'
> & {
  at?: Date;
  /** How many items a listing answered; none for other exchanges. */
  rowCount?: number | null;
};

@Injectable()
export class ApiLogsService {
  constructor(
    @InjectRepository(ApiLog) private readonly logs: Repository<ApiLog>,
    private readonly clock: Clock,
  ) {}

  /** Callers redact and truncate the bodies before they get here (the Bridge provider's single request path). */
  async record(entry: NewApiLog): Promise<ApiLog> {
    const log = this.logs.create({ ...entry, rowCount: entry.rowCount ?? null, at: entry.at ?? this.clock.now() });
    // One INSERT, without the transaction that save() would open around it: a Synchro writes one row per page.
    await this.logs.insert(log);
    return log;
  }

  /** Deletes the exchanges older than the retention; returns how many went. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const result = await this.logs.delete({ at: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  /**
   * A scoped key sees the exchanges made for its companies only, even on a configuration shared with others; rows
   * without a company (written before companies were recorded, for a shared configuration) are for editor keys.
   */
  async list(query: LogQueryDto, scope: AccessScope): Promise<Page<ApiLog>> {
    const { from, to } = logWindow(query);
    const builder = this.logs.createQueryBuilder('log');
    const companyIds = scope.companyFilter(query.companyId);
    if (companyIds) {
      builder.andWhere('log.companyId IN (:...companyIds)', { companyIds: companyIds.length > 0 ? companyIds : [0] });
    }
    if (query.bridgeConfigId !== undefined)
      builder.andWhere('log.bridgeConfigId = :bridgeConfigId', { bridgeConfigId: query.bridgeConfigId });
    if (from) builder.andWhere('log.at >= :from', { from });
    if (to) builder.andWhere('log.at < :to', { to });
    return logPage(builder, query, LIST);
  }
}
