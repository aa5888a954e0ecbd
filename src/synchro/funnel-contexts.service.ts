import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, MoreThan, type Repository } from 'typeorm';

import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { FunnelContext } from './funnel-context.entity.js';

/** Bridge's connect sessions last 30 minutes; the user may take them to their end, then come back. */
export const FUNNEL_CONTEXT_TTL_MS = 60 * 60 * 1000;
// tcb-<nonce, 32 hex>-<expiry, epoch seconds>-<HMAC, 32 hex>: 80 characters of [a-z0-9-], within Bridge's 100.
const PATTERN = /^tcb-([0-9a-f]{32})-(\d{10})-([0-9a-f]{32})$/;

export type FunnelContextLookup =
  | { kind: 'valid'; context: FunnelContext }
  /** Not ours: malformed, or a signature that does not match. */
  | { kind: 'forged' }
  | { kind: 'expired' }
  | { kind: 'used' };

/**
 * The `context` given to Bridge when the funnel opens and echoed on the callback: a signed, expiring, single-use
 * nonce naming a row that says who opened the funnel. A forged callback cannot write to anyone's connection log, and
 * a real one is accepted once.
 */
@Injectable()
export class FunnelContexts {
  private readonly key: Buffer;

  constructor(
    @InjectRepository(FunnelContext) private readonly contexts: Repository<FunnelContext>,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.encryptionKey, Buffer.alloc(0), 'bridge-callback-context/v2', 32));
  }

  async issue(
    origin: Pick<FunnelContext, 'statementId' | 'userId' | 'companyId' | 'bridgeConfigId' | 'email' | 'bridgeUserUuid'>,
  ): Promise<string> {
    const nonce = randomBytes(16).toString('hex');
    // Whole seconds, so that the expiry written in the context is the one stored.
    const expiresAt = new Date(Math.floor((this.clock.nowMs() + FUNNEL_CONTEXT_TTL_MS) / 1000) * 1000);
    await this.contexts.save(this.contexts.create({ ...origin, nonce, expiresAt, consumedAt: null }));
    const expiry = String(expiresAt.getTime() / 1000);
    return `tcb-${nonce}-${expiry}-${this.mac(nonce, expiry)}`;
  }

  /** What a callback's context names, without using it up. */
  async find(text: string | null): Promise<FunnelContextLookup> {
    const match = PATTERN.exec(text ?? '');
    if (!match) {
      return { kind: 'forged' };
    }
    const [, nonce, expiry, mac] = match as unknown as [string, string, string, string];
    if (!timingSafeEqual(Buffer.from(this.mac(nonce, expiry)), Buffer.from(mac))) {
      return { kind: 'forged' };
    }
    // The expiry is signed: a context past it is refused without its row, which the nightly purge may have removed.
    if (Number(expiry) * 1000 <= this.clock.nowMs()) {
      return { kind: 'expired' };
    }
    const context = await this.contexts.findOneBy({ nonce });
    if (!context) {
      return { kind: 'forged' };
    }
    if (context.consumedAt !== null) {
      return { kind: 'used' };
    }
    if (context.expiresAt.getTime() <= this.clock.nowMs()) {
      return { kind: 'expired' };
    }
    return { kind: 'valid', context };
  }

  /** Uses the context up; false when another callback did first (or it expired meanwhile). Atomic across instances. */
  async consume(context: FunnelContext): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.contexts.update(
      { id: context.id, consumedAt: IsNull(), expiresAt: MoreThan(now) },
      { consumedAt: now },
    );
    return result.affected === 1;
  }

  /** Deletes the contexts expired before this instant (a callback can no longer use them); returns how many went. */
  async purgeExpiredBefore(cutoff: Date): Promise<number> {
    return (await this.contexts.delete({ expiresAt: LessThan(cutoff) })).affected ?? 0;
  }

  private mac(nonce: string, expiry: string): string {
    return createHmac('sha256', this.key).update(`${nonce}:${expiry}`).digest('hex').slice(0, 32);
  }
}
