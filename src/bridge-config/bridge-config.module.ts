import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { SecretCipher } from '../common/crypto/secret-cipher.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { BridgeConfig } from './bridge-config.entity.js';
import { BridgeConfigsController } from './bridge-configs.controller.js';
import { BridgeConfigsService } from './bridge-configs.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([BridgeConfig]), CompaniesModule],
  controllers: [BridgeConfigsController],
  providers: [BridgeConfigsService, SecretCipher],
  exports: [BridgeConfigsService],
})
export class BridgeConfigModule {}
