import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';

import { AccessScope } from '../auth/access-scope.js';
import { Clock } from '../common/clock/clock.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { isUniqueViolation } from '../common/filters/domain-exception.filter.js';
import { CompaniesService } from '../companies/companies.service.js';
import type { Company } from '../companies/company.entity.js';
import { AppConfig } from '../config/app-config.js';
import { AdminAccount, type AdminRole } from './admin-account.entity.js';
import { LoginThrottleService } from './login-throttle.service.js';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number) => Promise<Buffer>;

export interface AdminIdentity {
  id: number;
  email: string;
  title: string;
  userId: number | null;
  role: AdminRole;
  /** The companies of an integrator; empty for an editor, who sees all of them. */
  companyIds: number[];
}

export interface AdminAccountInput {
  email: string;
  name: string;
  password: string;
  userId: number | null;
  role: AdminRole;
  companyIds?: number[];
}

/** What an identity may see: every company for an editor, its own companies for an integrator. */
export function scopeOfIdentity(identity: Pick<AdminIdentity, 'role' | 'companyIds'> | null | undefined): AccessScope {
  if (identity?.role === 'editor') return AccessScope.editor();
  return AccessScope.companies(identity?.companyIds ?? []);
}

@Injectable()
export class AdminAccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminAccountsService.name);
  // Checked against when the e-mail names no account, so that an unknown e-mail costs the same scrypt as a known one.
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectRepository(AdminAccount) private readonly accounts: Repository<AdminAccount>,
    private readonly companies: CompaniesService,
    private readonly throttle: LoginThrottleService,
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
      await this.create({ email, name: 'Administrateur', password, userId: null, role: 'editor' });
      const file = join(this.config.dataDir, 'initial-admin-password.txt');
      // One line, the password alone (the e-mail is in the log and the README): `$(cat …)` gives it as is.
      writeFileSync(file, `${password}\n`, { mode: 0o600 });
      this.logger.log(
        `Back-office administrator ${email} created; its generated password is in ${file} (readable by you only)`,
      );
    }
  }

  async create(input: AdminAccountInput): Promise<AdminAccount> {
    const email = input.email.trim().toLowerCase();
    assertPassword(input.password);
    if (await this.accounts.existsBy({ email })) {
      throw new ConflictError('email.taken', `email: a back-office account already uses ${email}`, 'email');
    }
    const companies = await this.companiesOf(input.companyIds ?? []);
    return this.accounts.save(
      this.accounts.create({
        email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
        userId: input.userId,
        role: input.role,
        companies,
        active: true,
      }),
    );
  }

  async update(
    id: number,
    input: {
      name?: string;
      password?: string;
      userId?: number | null;
      active?: boolean;
      role?: AdminRole;
      companyIds?: number[];
    },
  ): Promise<AdminAccount> {
    const account = await this.accounts.findOne({ where: { id }, relations: { companies: true } });
    if (!account) throw new NotFoundError('Back-office account', id);
    if (input.password) {
      assertPassword(input.password);
      account.passwordHash = await hashPassword(input.password);
    }
    if (input.name !== undefined) account.name = input.name;
    if (input.userId !== undefined) account.userId = input.userId;
    if (input.active !== undefined) account.active = input.active;
    if (input.role !== undefined) account.role = input.role;
    if (input.companyIds !== undefined) account.companies = await this.companiesOf(input.companyIds);
    return this.accounts.save(account);
  }

  /** Gives an integrator a company it has just created, as a scoped API key is given its own. */
  async grantCompany(id: number, companyId: number): Promise<void> {
    await this.accounts.createQueryBuilder().relation(AdminAccount, 'companies').of(id).add(companyId);
  }

  /** The companies of each account, in one query (back-office lists). */
  async companyIdsOf(ids: number[]): Promise<Map<number, number[]>> {
    const accounts =
      ids.length > 0 ? await this.accounts.find({ where: { id: In(ids) }, relations: { companies: true } }) : [];
    return new Map(
      accounts.map((account) => [account.id, account.companies.map((company) => company.id).sort((a, b) => a - b)]),
    );
  }

  /** The current identity of a signed-in account (its role and companies may have changed); null once it is gone or inactive. */
  async identity(id: number): Promise<AdminIdentity | null> {
    const account = Number.isInteger(id)
      ? await this.accounts.findOne({ where: { id }, relations: { companies: true } })
      : null;
    return account && account.active ? identityOf(account) : null;
  }

  /**
   * The identity for a correct e-mail and password; null otherwise. Failures count per client address and per
   * (e-mail, address), never per account alone: nobody can lock someone else out from elsewhere. Throws
   * LoginThrottledError while the address or the pair is blocked.
   */
  async authenticate(email: string, password: string, ip: string): Promise<AdminIdentity | null> {
    const typed = String(email ?? '')
      .trim()
      .toLowerCase();
    await this.throttle.assertAllowed(typed, ip);
    const account = await this.accounts.findOne({
      where: { email: typed },
      select: { id: true, passwordHash: true, active: true },
    });
    // An unknown or inactive account runs the same scrypt and the same writes as a wrong password.
    const matches = await verifyPassword(String(password ?? ''), account?.passwordHash ?? (await this.decoyHash));
    if (!account || !account.active || !matches) {
      await this.throttle.recordFailure(typed, ip);
      return null;
    }
    await this.throttle.recordSuccess(typed, ip);
    await this.accounts.update(account.id, { lastLoginAt: this.clock.now() });
    return this.identity(account.id);
  }

  private async companiesOf(ids: number[]): Promise<Company[]> {
    // An account names any company: the editor's scope, so that an unknown id answers 404 on field companyIds.
    return ids.length > 0 ? this.companies.getMany(ids, AccessScope.editor(), 'companyIds') : [];
  }

  private async ensureAdministrator(email: string, password: string): Promise<void> {
    const existing = await this.accounts.findOne({
      where: { email },
      select: { id: true, passwordHash: true, active: true, role: true },
    });
    if (!existing) {
      try {
        await this.create({ email, name: 'Administrateur', password, userId: null, role: 'editor' });
        this.logger.log(`Back-office administrator ${email} created from ADMIN_EMAIL`);
      } catch (error) {
        // Another instance starting at the same time created it first: it has the same e-mail and password.
        if (!(error instanceof ConflictError) && !isUniqueViolation(error)) throw error;
      }
    } else if (
      !(await verifyPassword(password, existing.passwordHash)) ||
      !existing.active ||
      existing.role !== 'editor'
    ) {
      await this.update(existing.id, { password, active: true, role: 'editor' });
      this.logger.log(`Back-office administrator ${email} updated from ADMIN_EMAIL and ADMIN_PASSWORD`);
    }
  }
}

function identityOf(account: AdminAccount): AdminIdentity {
  return {
    id: account.id,
    email: account.email,
    title: account.name,
    userId: account.userId,
    role: account.role,
    companyIds: account.role === 'editor' ? [] : account.companies.map((company) => company.id).sort((a, b) => a - b),
  };
}

function assertPassword(password: string): void {
  if (typeof password !== 'string' || password.length < 12) {
    throw new InvalidInputError('password.too_short', 'password', 'must be at least 12 characters long');
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
