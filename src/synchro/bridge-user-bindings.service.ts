import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

import { ConflictError } from '../common/errors/domain-errors.js';
import { isUniqueViolation } from '../common/filters/domain-exception.filter.js';
import { BridgeUserBinding } from './bridge-user-binding.entity.js';

/** Binds the Bridge user of an e-mail on a configuration to one company (S1 of issue 9: tenant isolation). */
@Injectable()
export class BridgeUserBindings {
  constructor(@InjectRepository(BridgeUserBinding) private readonly bindings: Repository<BridgeUserBinding>) {}

  /**
   * Claims the Bridge user of `email` on the configuration for the company, or confirms it is already its own.
   * Refuses (409, naming the user) when another company has it; safe when two instances claim at once.
   */
  async claim(params: { bridgeConfigId: number; email: string; companyId: number; userId: number }): Promise<void> {
    const key = { bridgeConfigId: params.bridgeConfigId, email: params.email };
    let binding = await this.bindings.findOneBy(key);
    if (!binding) {
      try {
        await this.bindings.save(this.bindings.create({ ...key, companyId: params.companyId }));
        return;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        binding = await this.bindings.findOneByOrFail(key);
      }
    }
    if (binding.companyId !== params.companyId) {
      throw new ConflictError(
        'user.bridge_identity_taken',
        `userId: the e-mail ${params.email} of user ${params.userId} is already the Bridge identity of another company served by Bridge configuration ${params.bridgeConfigId}; its bank connections are that company's. Give this user an e-mail of its own, then run the Synchro again`,
        'userId',
      );
    }
  }
}
