import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';

import { SecretCipher } from '../common/crypto/secret-cipher.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyScheduler } from './idempotency.scheduler.js';
import { IdempotencyService } from './idempotency.service.js';

/** `Idempotency-Key` on every POST of /api/v1 (docs/rules.md#idempotency-key). */
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecord])],
  providers: [
    IdempotencyService,
    IdempotencyScheduler,
    SecretCipher,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [IdempotencyService],
})
export class IdempotencyModule {}
