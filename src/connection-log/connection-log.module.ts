import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ConnectionLogController } from './connection-log.controller.js';
import { ConnectionLog } from './connection-log.entity.js';
import { ConnectionLogService } from './connection-log.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ConnectionLog])],
  controllers: [ConnectionLogController],
  providers: [ConnectionLogService],
  exports: [ConnectionLogService],
})
export class ConnectionLogModule {}
