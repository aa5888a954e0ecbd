import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';

import { Clock } from '../common/clock/clock.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  UnauthenticatedError,
} from '../common/errors/domain-errors.js';
import { isForeignKeyViolation, isUniqueViolation } from '../common/filters/domain-exception.filter.js';
import { pageWindow, type Page, type PageQueryDto } from '../common/pagination/page.js';
import { AppConfig } from '../config/app-config.js';
import { AccessScope } from './access-scope.js';
import { ApiKey } from './api-key.entity.js';

const KEY_PREFIX = 'tcb_';
// Touch lastUsedAt at most once a minute per key: no write on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The key itself, shown once; only its hash is stored. */
  key: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.apiBootstrapKey) {
      await this.ensureEditorKey(this.config.apiBootstrapKey, 'Bootstrap key (API_BOOTSTRAP_KEY)');
    }
    if (this.config.isEmbeddedDatabase && (await this.apiKeys.count()) === 0) {
      await this.createInitialKey();
    }
  }

  // Zero-configuration start: the first editor key goes to a file readable by its owner only, never to the log.
  private async createInitialKey(): Promise<void> {
    const { key } = await this.create({ name: 'Initial editor key', editor: true, companyIds: [] });
    const file = join(this.config.dataDir, 'initial-api-key.txt');
    writeFileSync(file, key + '\n', { mode: 0o600 });
    this.logger.log(
      `No API key existed: an editor key has been written to ${file} (send it as "Authorization: Bearer <key>")`,
    );
  }

  async create(params: { name: string; editor: boolean; companyIds: number[] }): Promise<CreatedApiKey> {
    if (!params.editor && params.companyIds.length === 0) {
      throw new InvalidInputError(
        'api_key.company_required',
        'companyIds',
        'a key that is not an editor key needs at least one company',
      );
    }
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const apiKey = await this.apiKeys.manager.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(ApiKey, {
          name: params.name,
          editor: params.editor,
          companies: [],
          prefix: key.slice(0, 12),
          hash: hashApiKey(key),
        }),
      );
      const missing = await this.grantCompanies(manager, saved.id, params.companyIds);
      if (missing.length > 0) {
        throw new InvalidInputError(
          'api_key.unknown_company',
          'companyIds',
          `unknown company id(s): ${missing.join(', ')}`,
        );
      }
      return saved;
    });
    this.logger.log(
      `API key ${apiKey.id} "${apiKey.name}" has been created (${params.editor ? 'editor' : `companies ${params.companyIds.join(', ')}`})`,
    );
    return { apiKey, key };
  }

  /** Makes sure an editor key with exactly this value exists (for scripts and tests). */
  async ensureEditorKey(key: string, name: string): Promise<void> {
    const hash = hashApiKey(key);
    const existing = await this.apiKeys.findOneBy({ hash });
    if (existing) {
      if (!existing.editor || existing.revokedAt) {
        await this.apiKeys.update(existing.id, { editor: true, revokedAt: null });
      }
      return;
    }
    try {
      await this.apiKeys.save(
        this.apiKeys.create({ name, editor: true, companies: [], prefix: key.slice(0, 12), hash }),
      );
    } catch (error) {
      // Another instance starting at the same time registered it first: the key exists, which is all that is asked.
      if (isUniqueViolation(error)) return;
      throw error;
    }
    this.logger.log(`Editor API key "${name}" has been registered`);
  }

  /** Resolves a presented key to its scope, or throws 401 without saying which part was wrong. */
  async authenticate(key: string): Promise<{ apiKeyId: number; scope: AccessScope }> {
    // Every request: one query (findOne with a relation would first select the ids apart).
    const apiKey = await this.apiKeys
      .createQueryBuilder('key')
      .leftJoinAndSelect('key.companies', 'company')
      .where('key.hash = :hash', { hash: hashApiKey(key) })
      .andWhere('key.revokedAt IS NULL')
      .getOne();
    if (!apiKey) {
      throw new UnauthenticatedError('api_key.invalid', 'Invalid or revoked API key');
    }
    const now = this.clock.nowMs();
    if (!apiKey.lastUsedAt || now - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.apiKeys.update(apiKey.id, { lastUsedAt: new Date(now) });
    }
    const scope = apiKey.editor
      ? AccessScope.editor()
      : AccessScope.companies(apiKey.companies.map((company) => company.id));
    return { apiKeyId: apiKey.id, scope };
  }

  /**
   * Links the key to each company, in the caller's transaction; answers the ids that name no company. The companies'
   * table belongs to their module (which depends on this one): its foreign key tells which ids are unknown.
   */
  private async grantCompanies(manager: EntityManager, apiKeyId: number, companyIds: number[]): Promise<number[]> {
    const missing: number[] = [];
    for (const companyId of new Set(companyIds)) {
      try {
        await manager.createQueryBuilder().relation(ApiKey, 'companies').of(apiKeyId).add(companyId);
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        missing.push(companyId);
      }
    }
    return missing;
  }

  /** A company created through a scoped key joins that key's scope, so its creator can go on configuring it. */
  async grantCompany(apiKeyId: number, companyId: number): Promise<void> {
    await this.apiKeys.createQueryBuilder().relation(ApiKey, 'companies').of(apiKeyId).add(companyId);
  }

  // The api-keys resource (docs/rules.md#api-keys-for-the-erp): editor keys only; the secret is shown once, at creation.

  /** Creates a key scoped to companies, for an ERP; only an editor key may. */
  async createScoped(params: { name: string; companyIds: number[] }, scope: AccessScope): Promise<CreatedApiKey> {
    requireEditor(scope);
    const created = await this.create({ name: params.name, editor: false, companyIds: params.companyIds });
    return { ...created, apiKey: await this.find(created.apiKey.id) };
  }

  async list(query: PageQueryDto, scope: AccessScope): Promise<Page<ApiKey>> {
    requireEditor(scope);
    const { limit, offset } = pageWindow(query);
    const [items, total] = await this.apiKeys.findAndCount({
      relations: { companies: true },
      order: { id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  async get(id: number, scope: AccessScope): Promise<ApiKey> {
    requireEditor(scope);
    return this.find(id);
  }

  /** Revokes a key at once (the next request with it answers 401); revoking it again changes nothing. */
  async revoke(id: number, scope: AccessScope, callerKeyId: number | undefined): Promise<ApiKey> {
    requireEditor(scope);
    const apiKey = await this.find(id);
    if (id === callerKeyId) {
      throw new ConflictError(
        'api_key.self_revoke',
        `API key ${id} is the one making this call: revoke it with another editor key`,
      );
    }
    if (!apiKey.revokedAt) {
      apiKey.revokedAt = this.clock.now();
      await this.apiKeys.update(id, { revokedAt: apiKey.revokedAt });
      this.logger.log(`API key ${id} "${apiKey.name}" has been revoked`);
    }
    return apiKey;
  }

  private async find(id: number): Promise<ApiKey> {
    const apiKey = await this.apiKeys.findOne({ where: { id }, relations: { companies: true } });
    if (!apiKey) throw new NotFoundError('API key', id);
    return apiKey;
  }
}

function requireEditor(scope: AccessScope): void {
  if (!scope.editor) {
    throw new ForbiddenError('api_key.editor_only', 'API keys are managed with an editor key only');
  }
}
