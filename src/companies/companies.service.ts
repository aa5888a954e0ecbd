import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors/domain-errors.js';
import { pageWindow, type Page, type PageQueryDto } from '../common/pagination/page.js';
import { Company } from './company.entity.js';
import type { CreateCompanyDto, UpdateCompanyDto } from './dto/company.dto.js';

@Injectable()
export class CompaniesService {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async create(input: CreateCompanyDto, scope: AccessScope, callerKeyId: number | undefined): Promise<Company> {
    this.assertMayChangeSubscription(input, scope);
    await this.assertSirenFree(input.siren ?? null);
    const company = await this.companies.save(
      this.companies.create({
        name: input.name,
        siren: input.siren ?? null,
        fiscalYearEnd: input.fiscalYearEnd ?? '12-31',
        subscriptionActive: input.subscriptionActive ?? false,
      }),
    );
    if (!scope.editor && callerKeyId !== undefined) {
      await this.apiKeys.grantCompany(callerKeyId, company.id);
    }
    return company;
  }

  async list(query: PageQueryDto, scope: AccessScope): Promise<Page<Company>> {
    const { limit, offset } = pageWindow(query);
    const ids = scope.companyIds;
    const [items, total] = await this.companies.findAndCount({
      where: ids ? { id: In(ids) } : {},
      order: { id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  /** A company the caller may see; any other id answers 404, whether it exists or not. */
  async get(id: number, scope: AccessScope, field?: string): Promise<Company> {
    const company = scope.canAccess(id) ? await this.companies.findOneBy({ id }) : null;
    if (!company) {
      throw new NotFoundError('Company', id, field);
    }
    return company;
  }

  /** Every id must name a company within the caller's scope (404 otherwise). */
  async getMany(ids: number[], scope: AccessScope, field: string): Promise<Company[]> {
    const unique = [...new Set(ids)];
    const found = await this.companies.findBy({ id: In(unique) });
    for (const id of unique) {
      if (!scope.canAccess(id) || !found.some((company) => company.id === id)) {
        throw new NotFoundError('Company', id, field);
      }
    }
    return found;
  }

  /** Whether a company has this SIREN, whoever may see it (the demo seed). */
  async existsWithSiren(siren: string): Promise<boolean> {
    return this.companies.existsBy({ siren });
  }

  async update(id: number, input: UpdateCompanyDto, scope: AccessScope): Promise<Company> {
    const company = await this.get(id, scope);
    this.assertMayChangeSubscription(input, scope, company);
    if (input.siren !== undefined && input.siren !== company.siren) {
      await this.assertSirenFree(input.siren ?? null);
    }
    Object.assign(company, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.siren !== undefined && { siren: input.siren }),
      ...(input.fiscalYearEnd !== undefined && { fiscalYearEnd: input.fiscalYearEnd }),
      ...(input.subscriptionActive !== undefined && { subscriptionActive: input.subscriptionActive }),
    });
    return this.companies.save(company);
  }

  private assertMayChangeSubscription(
    input: { subscriptionActive?: boolean },
    scope: AccessScope,
    current?: Company,
  ): void {
    const changes =
      input.subscriptionActive !== undefined && input.subscriptionActive !== (current?.subscriptionActive ?? false);
    if (changes && !scope.editor) {
      throw new ForbiddenError(
        'subscription.editor_only',
        'subscriptionActive: only an editor key may change the subscription of a company',
        'subscriptionActive',
      );
    }
  }

  private async assertSirenFree(siren: string | null): Promise<void> {
    if (siren && (await this.companies.existsBy({ siren }))) {
      throw new ConflictError('siren.taken', `siren: another company already has SIREN ${siren}`, 'siren');
    }
  }
}
