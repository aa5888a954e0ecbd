import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, type Repository } from 'typeorm';

import { Clock } from '../common/clock/clock.js';
import { LoginThrottle } from './login-throttle.entity.js';

const WINDOW_MS = 15 * 60_000;
// Five wrong passwords for one account from one address block that pair for 15 minutes: enough against guessing,
// short for a person who mistyped, and nobody elsewhere is shut out of their own account.
const MAX_PER_ACCOUNT_AND_ADDRESS = 5;
// One address trying many accounts (credential stuffing) is stopped too.
const MAX_PER_ADDRESS = 20;

export class LoginThrottledError extends Error {
  override name = 'LoginThrottledError';
}

/** Counts failed back-office logins in the database, shared by every instance. */
@Injectable()
export class LoginThrottleService {
  private lastPurge = 0;

  constructor(
    @InjectRepository(LoginThrottle) private readonly throttles: Repository<LoginThrottle>,
    private readonly clock: Clock,
  ) {}

  /** Throws when this address, or this e-mail from this address, has failed too often lately. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const blocked = await this.throttles.exists({
      where: { subject: In(keysOf(email, ip)), blockedUntil: MoreThanOrEqual(this.clock.now()) },
    });
    if (blocked) throw new LoginThrottledError('too many failed logins from this address');
  }

  /** The same writes whether the e-mail names an account or not, so that the timing tells nothing. */
  async recordFailure(email: string, ip: string): Promise<void> {
    const [addressKey, accountKey] = keysOf(email, ip);
    await this.count(addressKey, MAX_PER_ADDRESS);
    await this.count(accountKey, MAX_PER_ACCOUNT_AND_ADDRESS);
    await this.purgeExpired();
  }

  /** A correct password clears its (e-mail, address) count; the address count stays, or one account would reset it. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.throttles.delete({ subject: keysOf(email, ip)[1] });
  }

  private async count(key: string, max: number): Promise<void> {
    const now = this.clock.now();
    await this.throttles
      .createQueryBuilder()
      .insert()
      .values({ subject: key, failures: 0, windowStart: now, blockedUntil: null })
      .orIgnore()
      .execute();
    // Atomic increments: two instances counting the same key at once both count.
    await this.throttles
      .createQueryBuilder()
      .update()
      .set({ failures: 0, windowStart: now })
      .where('subject = :key AND windowStart < :expired', { key, expired: new Date(now.getTime() - WINDOW_MS) })
      .execute();
    await this.throttles
      .createQueryBuilder()
      .update()
      .set({ failures: () => 'failures + 1' })
      .where('subject = :key', { key })
      .execute();
    await this.throttles
      .createQueryBuilder()
      .update()
      .set({ failures: 0, windowStart: now, blockedUntil: new Date(now.getTime() + WINDOW_MS) })
      .where('subject = :key AND failures >= :max', { key, max })
      .execute();
  }

  // At most once an hour, on a failure: rows whose window and block are both over.
  private async purgeExpired(): Promise<void> {
    const now = this.clock.nowMs();
    if (now - this.lastPurge < 3600_000) return;
    this.lastPurge = now;
    const expired = new Date(now - WINDOW_MS);
    await this.throttles
      .createQueryBuilder()
      .delete()
      .where('windowStart < :expired AND (blockedUntil IS NULL OR blockedUntil < :now)', {
        expired,
        now: new Date(now),
      })
      .execute();
  }
}

function keysOf(email: string, ip: string): [string, string] {
  const hashed = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  const address = ip.slice(0, 45);
  return [`ip:${address}`, `account:${hashed}:${address}`];
}
