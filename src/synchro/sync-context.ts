import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config.js';

const PATTERN = /^tcb-s(\d{1,10})-u(\d{1,10})-([0-9a-f]{16})$/;

/**
 * The `context` given to Bridge and echoed on the callback: which statement and user opened the funnel, signed so
 * that a forged callback cannot write to the connection log of someone else's company. ≤ 100 characters, [A-Za-z0-9-].
 */
@Injectable()
export class SyncContextSigner {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = Buffer.from(hkdfSync('sha256', config.encryptionKey, Buffer.alloc(0), 'bridge-callback-context/v1', 32));
  }

  sign(statementId: number, userId: number): string {
    return `tcb-s${statementId}-u${userId}-${this.mac(statementId, userId)}`;
  }

  verify(context: string | undefined): { statementId: number; userId: number } | null {
    const match = PATTERN.exec(context ?? '');
    if (!match) {
      return null;
    }
    const statementId = Number(match[1]);
    const userId = Number(match[2]);
    const expected = Buffer.from(this.mac(statementId, userId));
    const given = Buffer.from(match[3]!);
    return timingSafeEqual(expected, given) ? { statementId, userId } : null;
  }

  private mac(statementId: number, userId: number): string {
    return createHmac('sha256', this.key).update(`${statementId}:${userId}`).digest('hex').slice(0, 16);
  }
}
