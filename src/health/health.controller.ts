import { Controller, Get, HttpStatus, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';

import { Public } from '../auth/api-key.guard.js';
import { DatabaseBusyError } from '../database/mysql-pool.js';
import { HealthResponse } from './health.dto.js';

export interface HealthReport {
  status: 'ok' | 'error';
  database: { status: 'up' | 'down'; engine: string; error?: string };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({ operationId: 'checkHealth' })
  @ApiOkResponse({ type: HealthResponse })
  @ApiResponse({ status: 503, type: HealthResponse, description: 'The database does not answer' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const engine = String(this.dataSource.options.type);
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: { status: 'up', engine } };
    } catch (error) {
      // The detail goes to the log only: this route is public.
      this.logger.error(`Health check: the database does not answer: ${(error as Error).message}`);
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      const detail =
        error instanceof DatabaseBusyError
          ? 'no database connection came free in time'
          : 'the database does not answer';
      return { status: 'error', database: { status: 'down', engine, error: detail } };
    }
  }
}
