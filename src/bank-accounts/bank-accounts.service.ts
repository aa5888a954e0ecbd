import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors.js';
import { pickDefined } from '../common/objects/pick-defined.js';
import { pageWindow, type Page } from '../common/pagination/page.js';
import { CompaniesService } from '../companies/companies.service.js';
import { BankAccount } from './bank-account.entity.js';
import type { CreateBankAccountDto, ListBankAccountsQueryDto, UpdateBankAccountDto } from './dto/bank-account.dto.js';

/** Settings that PATCH copies as given (the others need a rule). */
const SETTINGS = [
  'journalName',
  'iban',
  'bic',
  'currency',
  'glAccount',
  'glAccountLabel',
  'suspenseAccount',
  'suspenseAccountLabel',
  'cardClearingAccount',
  'cardClearingAccountLabel',
  'accountTypes',
  'bridgeBankId',
  'bridgeAccountId',
  'includeOlderLines',
  'useCleanLabel',
  'cardDatingMode',
  'cardKeepDeferredTotal',
  'cardIncludeFuture',
] as const;

@Injectable()
export class BankAccountsService {
  constructor(
    @InjectRepository(BankAccount) private readonly accounts: Repository<BankAccount>,
    private readonly companies: CompaniesService,
  ) {}

  async create(input: CreateBankAccountDto, scope: AccessScope): Promise<BankAccount> {
    await this.companies.get(input.companyId, scope, 'companyId');
    await this.assertJournalCodeFree(input.companyId, input.journalCode);
    // Entity defaults (docs/rules.md#account-options) apply to every setting left out.
    const account = this.accounts.create({
      companyId: input.companyId,
      journalCode: input.journalCode,
      ...pickDefined(input, SETTINGS),
      bic: input.bic || null,
      ...emptyLabelsAsNull(input),
    });
    return this.accounts.save(account);
  }

  async list(query: ListBankAccountsQueryDto, scope: AccessScope): Promise<Page<BankAccount>> {
    const { limit, offset } = pageWindow(query);
    const companyIds = scope.companyFilter(query.companyId);
    const [items, total] = await this.accounts.findAndCount({
      where: { ...(companyIds && { companyId: In(companyIds) }), ...(query.iban && { iban: query.iban }) },
      order: { id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  async get(id: number, scope: AccessScope, field?: string): Promise<BankAccount> {
    const account = await this.accounts.findOneBy({ id });
    if (!account || !scope.canAccess(account.companyId)) {
      throw new NotFoundError('Bank account', id, field);
    }
    return account;
  }

  async update(id: number, input: UpdateBankAccountDto, scope: AccessScope): Promise<BankAccount> {
    const account = await this.get(id, scope);
    if (input.journalCode !== undefined && input.journalCode !== account.journalCode) {
      await this.assertJournalCodeFree(account.companyId, input.journalCode);
      account.journalCode = input.journalCode;
    }
    Object.assign(account, pickDefined(input, SETTINGS));
    if (input.bic === '') {
      account.bic = null;
    }
    Object.assign(account, emptyLabelsAsNull(input));
    return this.accounts.save(account);
  }

  private async assertJournalCodeFree(companyId: number, journalCode: string): Promise<void> {
    if (await this.accounts.existsBy({ companyId, journalCode })) {
      throw new ConflictError(
        'journal_code.taken',
        `journalCode: journal ${journalCode} already exists in company ${companyId}`,
        'journalCode',
      );
    }
  }
}

/** An empty account label means "the default label" (docs/rules.md#account-labels). */
function emptyLabelsAsNull(input: {
  glAccountLabel?: string | null;
  suspenseAccountLabel?: string | null;
  cardClearingAccountLabel?: string | null;
}): Partial<Pick<BankAccount, 'glAccountLabel' | 'suspenseAccountLabel' | 'cardClearingAccountLabel'>> {
  const result: Partial<Pick<BankAccount, 'glAccountLabel' | 'suspenseAccountLabel' | 'cardClearingAccountLabel'>> = {};
  for (const key of ['glAccountLabel', 'suspenseAccountLabel', 'cardClearingAccountLabel'] as const) {
    if (input[key] === '') result[key] = null;
  }
  return result;
}
