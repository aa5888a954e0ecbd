import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { ApiLog } from './api-log.entity.js';
import { ApiLogsController } from './api-logs.controller.js';
import { ApiLogsScheduler } from './api-logs.scheduler.js';
import { ApiLogsService } from './api-logs.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ApiLog])],
  controllers: [ApiLogsController],
  providers: [ApiLogsService, ApiLogsScheduler],
  exports: [ApiLogsService],
})
export class ApiLogsModule {}
