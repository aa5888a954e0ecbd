import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { describeAllowedOrigins, isAllowedBridgeUrl } from '../bridge/bridge-origins.js';
import type { BridgeConnection } from '../bridge/bridge.types.js';
import { SecretCipher } from '../common/crypto/secret-cipher.js';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import type { Warning } from '../common/errors/error-codes.js';
import { pageWindow, type Page } from '../common/pagination/page.js';
import { CompaniesService } from '../companies/companies.service.js';
import { AppConfig } from '../config/app-config.js';
import { BridgeConfig } from './bridge-config.entity.js';
import type {
  CreateBridgeConfigDto,
  ListBridgeConfigsQueryDto,
  UpdateBridgeConfigDto,
} from './dto/bridge-config.dto.js';

/** The configurations that serve one company, by id; the active ones among them. */
export interface CompanyConfigs {
  companyId: number;
  configIds: number[];
  activeConfigIds: number[];
}

export function severalActiveWarning(companyId: number, configIds: number[]): Warning {
  return {
    code: 'bridge_config.several_active',
    message: `Company ${companyId} has ${configIds.length} active Bridge configurations (${configIds.join(', ')}): it is billed once, but switch off the ones it does not use`,
  };
}

@Injectable()
export class BridgeConfigsService {
  constructor(
    @InjectRepository(BridgeConfig) private readonly configs: Repository<BridgeConfig>,
    private readonly companies: CompaniesService,
    private readonly cipher: SecretCipher,
    private readonly config: AppConfig,
  ) {}

  async create(input: CreateBridgeConfigDto, scope: AccessScope): Promise<BridgeConfig> {
    const companies = await this.companies.getMany(input.companyIds, scope, 'companyIds');
    const config = this.configs.create({
      companies,
      name: input.name,
      url: this.allowedUrl(input.url ?? 'https://api.bridgeapi.io'),
      version: input.version ?? '2025-01-15',
      clientId: input.clientId,
      clientSecretEncrypted: this.cipher.encrypt(input.clientSecret),
      webhookSecretEncrypted: input.webhookSecret ? this.cipher.encrypt(input.webhookSecret) : null,
      countryCodes: input.countryCodes ?? ['FR'],
      preselectedBankIds: input.preselectedBankIds ?? [],
      active: input.active ?? true,
    });
    return this.configs.save(config);
  }

  async list(query: ListBridgeConfigsQueryDto, scope: AccessScope): Promise<Page<BridgeConfig>> {
    const { limit, offset } = pageWindow(query);
    const builder = this.configs.createQueryBuilder('config').orderBy('config.id', 'ASC');
    const companyIds = scope.companyFilter(query.companyId);
    if (companyIds) {
      builder.where(
        'EXISTS (SELECT 1 FROM bridge_config_company link WHERE link.bridgeConfigId = config.id AND link.companyId IN (:...companyIds))',
        {
          companyIds: companyIds.length > 0 ? companyIds : [0],
        },
      );
    }
    const [configs, total] = await builder.take(limit).skip(offset).getManyAndCount();
    return { items: await this.withCompanies(configs), total, limit, offset };
  }

  /** The companies each configuration serves, in one query (back-office lists). */
  async companyIdsOf(ids: number[]): Promise<Map<number, number[]>> {
    const configs =
      ids.length > 0 ? await this.configs.find({ where: { id: In(ids) }, relations: { companies: true } }) : [];
    return new Map(
      configs.map((config) => [config.id, config.companies.map((company) => company.id).sort((a, b) => a - b)]),
    );
  }

  /** The names of these configurations, by id (billing downloads). */
  async namesOf(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    const configs = unique.length > 0 ? await this.configs.findBy({ id: In(unique) }) : [];
    return new Map(configs.map((config) => [config.id, config.name]));
  }

  /** A configuration serving at least one company the caller may see; 404 otherwise. */
  async get(id: number, scope: AccessScope, field?: string): Promise<BridgeConfig> {
    const config = await this.configs.findOne({ where: { id }, relations: { companies: true } });
    if (!config || !config.companies.some((company) => scope.canAccess(company.id))) {
      throw new NotFoundError('Bridge configuration', id, field);
    }
    return config;
  }

  async update(id: number, input: UpdateBridgeConfigDto, scope: AccessScope): Promise<BridgeConfig> {
    const config = await this.get(id, scope);
    // Its URL, secret and switch act for every company it serves: only someone who holds them all may change them.
    if (!config.companies.every((company) => scope.canAccess(company.id))) {
      throw new ForbiddenError(
        'bridge_config.out_of_scope',
        `Bridge configuration ${id} also serves companies outside this API key's scope: only an editor key, or a key holding every company it serves, may change it`,
      );
    }
    if (input.companyIds !== undefined) {
      config.companies = await this.companies.getMany(input.companyIds, scope, 'companyIds');
    }
    if (input.name !== undefined) config.name = input.name;
    if (input.url !== undefined) config.url = this.allowedUrl(input.url);
    if (input.version !== undefined) config.version = input.version;
    if (input.clientId !== undefined) config.clientId = input.clientId;
    if (input.clientSecret !== undefined) config.clientSecretEncrypted = this.cipher.encrypt(input.clientSecret);
    if (input.webhookSecret !== undefined) config.webhookSecretEncrypted = this.cipher.encrypt(input.webhookSecret);
    if (input.countryCodes !== undefined) config.countryCodes = input.countryCodes;
    if (input.preselectedBankIds !== undefined) config.preselectedBankIds = input.preselectedBankIds;
    if (input.active !== undefined) config.active = input.active;
    return this.configs.save(config);
  }

  /** The decrypted client secret, for the Bridge provider only: never for an API answer or a log. */
  revealClientSecret(config: BridgeConfig): string {
    return this.cipher.decrypt(config.clientSecretEncrypted);
  }

  /**
   * The configuration that serves a company for the Synchro: its active one (the oldest if several), else an inactive
   * one so that the caller can say so, else null.
   */
  async findForCompany(companyId: number): Promise<BridgeConfig | null> {
    const configs = await this.configs
      .createQueryBuilder('config')
      .innerJoin('bridge_config_company', 'link', 'link.bridgeConfigId = config.id')
      .where('link.companyId = :companyId', { companyId })
      .orderBy('config.id', 'ASC')
      .getMany();
    return configs.find((config) => config.active) ?? configs[0] ?? null;
  }

  /**
   * Per company, the configurations serving it (billing: a company is billed once whatever their number), ordered by
   * company; only the companies an active configuration serves, or every one of them.
   */
  async configsByCompany(options: { activeOnly: boolean }): Promise<CompanyConfigs[]> {
    const byCompany = new Map<number, CompanyConfigs>();
    for (const config of await this.configs.find({ relations: { companies: true }, order: { id: 'ASC' } })) {
      if (options.activeOnly && !config.active) continue;
      for (const company of config.companies) {
        const entry = byCompany.get(company.id) ?? { companyId: company.id, configIds: [], activeConfigIds: [] };
        entry.configIds.push(config.id);
        if (config.active) entry.activeConfigIds.push(config.id);
        byCompany.set(company.id, entry);
      }
    }
    return [...byCompany.values()].sort((a, b) => a.companyId - b.companyId);
  }

  /**
   * docs/rules.md#one-active-bridge-configuration: those of these companies that two or more active configurations
   * serve, with the ids of these configurations.
   */
  async companiesWithSeveralActive(companyIds: number[]): Promise<{ companyId: number; configIds: number[] }[]> {
    if (companyIds.length === 0) return [];
    const rows: { companyId: number | string; configId: number | string }[] = await this.configs
      .createQueryBuilder('config')
      .innerJoin('bridge_config_company', 'link', 'link.bridgeConfigId = config.id')
      .select('link.companyId', 'companyId')
      .addSelect('config.id', 'configId')
      .where('config.active = :active', { active: true })
      .andWhere('link.companyId IN (:...companyIds)', { companyIds })
      .orderBy('link.companyId', 'ASC')
      .addOrderBy('config.id', 'ASC')
      .getRawMany();
    const byCompany = new Map<number, number[]>();
    for (const row of rows) {
      const companyId = Number(row.companyId);
      byCompany.set(companyId, [...(byCompany.get(companyId) ?? []), Number(row.configId)]);
    }
    return [...byCompany.entries()]
      .filter(([, configIds]) => configIds.length > 1)
      .map(([companyId, configIds]) => ({ companyId, configIds }));
  }

  /** The warnings of a configuration just saved: each company it serves that several active ones serve. */
  async warningsOf(config: BridgeConfig): Promise<Warning[]> {
    const found = await this.companiesWithSeveralActive(config.companies.map((company) => company.id));
    return found.map(({ companyId, configIds }) => severalActiveWarning(companyId, configIds));
  }

  /** What the Bridge client needs to call Bridge with this configuration for a company. */
  connectionOf(config: BridgeConfig, companyId: number | null): BridgeConnection {
    return {
      configId: config.id,
      companyId,
      url: config.url,
      version: config.version,
      clientId: config.clientId,
      clientSecret: this.revealClientSecret(config),
    };
  }

  /** The client secret goes wherever the URL points: only to the Bridge hosts this server allows (SSRF). */
  private allowedUrl(url: string): string {
    const normalized = normalizeOrigin(url);
    if (!isAllowedBridgeUrl(normalized, this.config.bridgeAllowedOrigins)) {
      throw new InvalidInputError(
        'bridge_config.url_not_allowed',
        'url',
        `must be an allowed Bridge origin (${describeAllowedOrigins(this.config.bridgeAllowedOrigins)}); the server's BRIDGE_ALLOWED_ORIGINS names them`,
      );
    }
    return normalized;
  }

  private async withCompanies(configs: BridgeConfig[]): Promise<BridgeConfig[]> {
    if (configs.length === 0) {
      return configs;
    }
    const loaded = await this.configs.find({
      where: configs.map((config) => ({ id: config.id })),
      relations: { companies: true },
    });
    return configs.map((config) => loaded.find((item) => item.id === config.id)!);
  }
}

function normalizeOrigin(url: string): string {
  return url.replace(/\/+$/, '');
}
