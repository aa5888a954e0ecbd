import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { Clock } from '../common/clock/clock.js';
import { logPage, logWindow } from '../common/logs/log-query.dto.js';
import type { Page } from '../common/pagination/page.js';
import type { ListConnectionLogsQueryDto } from './connection-log.dto.js';
import { ConnectionLog } from './connection-log.entity.js';

/** Names this log in its page cursors. */
const LIST = 'connection-logs';

/** The back-office list's filters, for its CSV export: ids, action and result exact, e-mail contained, dates inclusive. */
export interface ConnectionLogExportFilters {
  companyId?: number;
  bridgeConfigId?: number;
  userId?: number;
  itemId?: number;
  action?: string;
  result?: string;
  email?: string;
  from?: Date;
  to?: Date;
}

export type NewConnectionLog = Pick<
  ConnectionLog,
  | 'companyId'
  | 'bridgeConfigId'
  | 'userId'
  | 'email'
  | 'bridgeUserUuid'
  | 'action'
  | 'itemId'
  | 'bankId'
  | 'result'
  | 'message'
  | 'ip'
> & { at?: Date };

@Injectable()
export class ConnectionLogService {
  constructor(
    @InjectRepository(ConnectionLog) private readonly logs: Repository<ConnectionLog>,
    private readonly clock: Clock,
  ) {}

  async record(entry: NewConnectionLog): Promise<ConnectionLog> {
    return this.logs.save(this.logs.create({ ...entry, at: entry.at ?? this.clock.now() }));
  }

  /** The distinct e-mails with Bridge activity for a company through a configuration in [start, end) (billing). */
  async emailsActiveBetween(companyId: number, bridgeConfigId: number, start: Date, end: Date): Promise<string[]> {
    const rows: { email: string }[] = await this.logs
      .createQueryBuilder('log')
      .select('DISTINCT log.email', 'email')
      .where('log.companyId = :companyId', { companyId })
      .andWhere('log.bridgeConfigId = :configId', { configId: bridgeConfigId })
      .andWhere('log.email IS NOT NULL')
      .andWhere('log.at >= :start AND log.at < :end', { start, end })
      .getRawMany();
    return rows.map((row) => row.email);
  }

  async list(query: ListConnectionLogsQueryDto, scope: AccessScope): Promise<Page<ConnectionLog>> {
    const { from, to } = logWindow(query);
    const builder = this.logs.createQueryBuilder('log');
    const companyIds = scope.companyFilter(query.companyId);
    if (companyIds) {
      builder.andWhere('log.companyId IN (:...companyIds)', { companyIds: companyIds.length > 0 ? companyIds : [0] });
    }
    if (query.bridgeConfigId !== undefined)
      builder.andWhere('log.bridgeConfigId = :bridgeConfigId', { bridgeConfigId: query.bridgeConfigId });
    if (query.userId !== undefined) builder.andWhere('log.userId = :userId', { userId: query.userId });
    if (query.action !== undefined) builder.andWhere('log.action = :action', { action: query.action });
    if (query.result !== undefined) builder.andWhere('log.result = :result', { result: query.result });
    if (from) builder.andWhere('log.at >= :from', { from });
    if (to) builder.andWhere('log.at < :to', { to });
    return logPage(builder, query, LIST);
  }

  /** Every entry the filters keep, newest first (the back-office's CSV export). */
  async export(filters: ConnectionLogExportFilters, scope: AccessScope): Promise<ConnectionLog[]> {
    const builder = this.logs.createQueryBuilder('log').orderBy('log.at', 'DESC').addOrderBy('log.id', 'DESC');
    const companyIds = scope.companyIds;
    if (companyIds)
      builder.andWhere(companyIds.length > 0 ? 'log.companyId IN (:...scopeCompanyIds)' : '1 = 0', {
        scopeCompanyIds: companyIds,
      });
    for (const field of ['companyId', 'bridgeConfigId', 'userId', 'itemId', 'action', 'result'] as const) {
      if (filters[field] !== undefined) builder.andWhere(`log.${field} = :${field}`, { [field]: filters[field] });
    }
    if (filters.email) builder.andWhere('log.email LIKE :email', { email: `%${filters.email}%` });
    if (filters.from) builder.andWhere('log.at >= :from', { from: filters.from });
    if (filters.to) builder.andWhere('log.at <= :to', { to: filters.to });
    return builder.getMany();
  }
}
