import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiInstant } from '../common/openapi/api-schema.js';

import { LogQueryDto } from '../common/logs/log-query.dto.js';
import { QueryId } from '../common/pagination/page.js';
import { IsText } from '../common/validation/validators.js';
import { CONNECTION_ACTIONS, type ConnectionAction, type ConnectionLog } from './connection-log.entity.js';

export class ListConnectionLogsQueryDto extends LogQueryDto {
  @ApiPropertyOptional()
  @QueryId()
  userId?: number;

  @ApiPropertyOptional({ enum: CONNECTION_ACTIONS })
  @IsOptional()
  @IsIn(CONNECTION_ACTIONS, { message: `must be one of ${CONNECTION_ACTIONS.join(', ')}` })
  action?: ConnectionAction;

  @ApiPropertyOptional({ example: 'success' })
  @IsOptional()
  @IsText(20)
  result?: string;
}

export class ConnectionLogResponse {
  @ApiProperty() id: number;
  @ApiInstant() at: string;
  @ApiProperty({ nullable: true, type: Number }) companyId: number | null;
  @ApiProperty({ nullable: true, type: Number }) bridgeConfigId: number | null;
  @ApiProperty({ nullable: true, type: Number }) userId: number | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) bridgeUserUuid: string | null;
  @ApiProperty({ enum: CONNECTION_ACTIONS }) action: ConnectionAction;
  @ApiProperty({ nullable: true, type: Number }) itemId: number | null;
  @ApiProperty({ nullable: true, type: Number }) bankId: number | null;
  @ApiProperty() result: string;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;

  static from(log: ConnectionLog): ConnectionLogResponse {
    return {
      id: log.id,
      at: log.at.toISOString(),
      companyId: log.companyId,
      bridgeConfigId: log.bridgeConfigId,
      userId: log.userId,
      email: log.email,
      bridgeUserUuid: log.bridgeUserUuid,
      action: log.action,
      itemId: log.itemId,
      bankId: log.bankId,
      result: log.result,
      message: log.message,
      ip: log.ip,
    };
  }
}
