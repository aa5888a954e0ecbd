import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { Clock } from '../common/clock/clock.js';
import { AppConfig } from '../config/app-config.js';
import { AdminAccount } from './admin-account.entity.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;
// After 5 wrong passwords the account waits 15 minutes: enough against guessing, short for a person who mistyped.
const MAX_FAILED_ATTEMPTS = 5;
const LOCK_MS = 15 * 60_000;

export interface AdminIdentity {
  id: number;
  email: string;
  title: string;
  userId: number | null;
}

@Injectable()
export class AdminAccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminAccountsService.name);

  constructor(
    @InjectRepository(AdminAccount) private readonly accounts: Repository<AdminAccount>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.adminEnabled) return;
    if (this.config.adminEmail && this.config.adminPassword) {
      await this.ensureAdministrator(this.config.adminEmail, this.config.adminPassword);
    } else if (this.config.isEmbeddedDatabase && (await this.accounts.count()) === 0) {
      // Zero-configuration start: a generated password, handed over in a private file rather than in the log.
      const email = this.config.adminEmail ?? 'admin@localhost';
      const password = randomBytes(12).toString('base64url');
      await this.create({ email, name: 'Administrateur', password, userId: null });
      const file = join(this.config.dataDir, 'initial-admin-password.txt');
      writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600 });
      this.logger.log(`Back-office administrator ${email} created; its generated password is in ${file} (readable by you only)`);
    }
  }

  async create(input: { email: string; name: string; password: string; userId: number | null }): Promise<AdminAccount> {
    const email = input.email.trim().toLowerCase();
    assertPassword(input.password);
    if (await this.accounts.existsBy({ email })) {
      throw new ConflictError(`email: a back-office account already uses ${email}`);
    }
    return this.accounts.save(this.accounts.create({ email, name: input.name, passwordHash: await hashPassword(input.password), userId: input.userId, active: true }));
  }

  async update(id: number, input: { name?: string; password?: string; userId?: number | null; active?: boolean }): Promise<AdminAccount> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw new NotFoundError('Back-office account', id);
    if (input.password) {
      assertPassword(input.password);
      account.passwordHash = await hashPassword(input.password);
      account.failedAttempts = 0;
      account.lockedUntil = null;
    }
    if (input.name !== undefined) account.name = input.name;
    if (input.userId !== undefined) account.userId = input.userId;
    if (input.active !== undefined) account.active = input.active;
    return this.accounts.save(account);
  }

  /** The identity for a correct e-mail and password; null otherwise (and the failure counts towards a lock). */
  async authenticate(email: string, password: string): Promise<AdminIdentity | null> {
    const account = await this.accounts.findOneBy({ email: (email ?? '').trim().toLowerCase() });
    if (!account || !account.active) {
      // Same work as a real check, so that timing does not tell which e-mails exist.
      await hashPassword(password ?? '');
      return null;
    }
    if (account.lockedUntil && account.lockedUntil.getTime() > this.clock.nowMs()) {
      return null;
    }
    if (!(await verifyPassword(password ?? '', account.passwordHash))) {
      const failedAttempts = account.failedAttempts + 1;
      await this.accounts.update(account.id, {
        failedAttempts: failedAttempts >= MAX_FAILED_ATTEMPTS ? 0 : failedAttempts,
        lockedUntil: failedAttempts >= MAX_FAILED_ATTEMPTS ? new Date(this.clock.nowMs() + LOCK_MS) : account.lockedUntil,
      });
      if (failedAttempts >= MAX_FAILED_ATTEMPTS) this.logger.warn(`Back-office account ${account.email} locked for 15 minutes after ${MAX_FAILED_ATTEMPTS} wrong passwords`);
      return null;
    }
    await this.accounts.update(account.id, { failedAttempts: 0, lockedUntil: null, lastLoginAt: this.clock.now() });
    return { id: account.id, email: account.email, title: account.name, userId: account.userId };
  }

  private async ensureAdministrator(email: string, password: string): Promise<void> {
    const existing = await this.accounts.findOneBy({ email });
    if (!existing) {
      await this.create({ email, name: 'Administrateur', password, userId: null });
      this.logger.log(`Back-office administrator ${email} created from ADMIN_EMAIL`);
    } else if (!(await verifyPassword(password, existing.passwordHash)) || !existing.active) {
      await this.update(existing.id, { password, active: true });
      this.logger.log(`Back-office administrator ${email} updated from ADMIN_PASSWORD`);
    }
  }
}

function assertPassword(password: string): void {
  if (typeof password !== 'string' || password.length < 12) {
    throw new InvalidInputError('password', 'must be at least 12 characters long');
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
