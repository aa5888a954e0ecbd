import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Big from 'big.js';
import { In, IsNull, type Repository } from 'typeorm';

import type { AccessScope } from '../auth/access-scope.js';
import { BankAccountsService } from '../bank-accounts/bank-accounts.service.js';
import { InvalidInputError, NotFoundError } from '../common/errors/domain-errors.js';
import { pickDefined } from '../common/objects/pick-defined.js';
import { pageWindow, type Page } from '../common/pagination/page.js';
import { CompaniesService } from '../companies/companies.service.js';
import { compileLabelRegex, sortRules } from './counterpart-matching.js';
import { CounterpartRule } from './counterpart-rule.entity.js';
import type {
  CreateCounterpartRuleDto,
  ListCounterpartRulesQueryDto,
  UpdateCounterpartRuleDto,
} from './dto/counterpart-rule.dto.js';

/** The rules of a journal, sorted, with their regexes compiled once. */
export interface JournalRules {
  rules: CounterpartRule[];
  compiled: Map<number, RegExp>;
}

const FIELDS = [
  'bankAccountId',
  'name',
  'priority',
  'labelContains',
  'labelRegex',
  'sign',
  'amountMin',
  'amountMax',
  'account',
  'accountLabel',
  'active',
] as const;

/** docs/rules.md#counterpart-rules. Changing a rule never touches an entry already posted: entries keep their accounts. */
@Injectable()
export class CounterpartRulesService {
  constructor(
    @InjectRepository(CounterpartRule) private readonly rules: Repository<CounterpartRule>,
    private readonly companies: CompaniesService,
    private readonly bankAccounts: BankAccountsService,
  ) {}

  async create(input: CreateCounterpartRuleDto, scope: AccessScope): Promise<CounterpartRule> {
    await this.companies.get(input.companyId, scope, 'companyId');
    const rule = this.rules.create({
      companyId: input.companyId,
      bankAccountId: null,
      priority: 100,
      labelContains: null,
      labelRegex: null,
      sign: 'any',
      amountMin: null,
      amountMax: null,
      active: true,
      ...pickDefined(input, FIELDS),
    });
    await this.assertValid(rule, scope);
    return this.rules.save(rule);
  }

  async list(query: ListCounterpartRulesQueryDto, scope: AccessScope): Promise<Page<CounterpartRule>> {
    const { limit, offset } = pageWindow(query);
    const companyIds = scope.companyFilter(query.companyId);
    const [items, total] = await this.rules.findAndCount({
      where: {
        ...(companyIds && { companyId: In(companyIds) }),
        ...(query.bankAccountId !== undefined && { bankAccountId: query.bankAccountId }),
      },
      order: { companyId: 'ASC', priority: 'ASC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items, total, limit, offset };
  }

  async get(id: number, scope: AccessScope): Promise<CounterpartRule> {
    const rule = await this.rules.findOneBy({ id });
    if (!rule || !scope.canAccess(rule.companyId)) {
      throw new NotFoundError('Counterpart rule', id);
    }
    return rule;
  }

  async update(id: number, input: UpdateCounterpartRuleDto, scope: AccessScope): Promise<CounterpartRule> {
    const rule = await this.get(id, scope);
    Object.assign(rule, pickDefined(input, FIELDS));
    await this.assertValid(rule, scope);
    return this.rules.save(rule);
  }

  async remove(id: number, scope: AccessScope): Promise<void> {
    const rule = await this.get(id, scope);
    await this.rules.delete(rule.id);
  }

  /** The active rules that apply to a journal: its own and the company's, by priority then id. */
  async forJournal(companyId: number, bankAccountId: number): Promise<JournalRules> {
    const rules = sortRules(
      await this.rules.find({
        where: [
          { companyId, bankAccountId: IsNull(), active: true },
          { companyId, bankAccountId, active: true },
        ],
      }),
    );
    const compiled = new Map<number, RegExp>();
    for (const rule of rules) {
      if (rule.labelRegex) compiled.set(rule.id, compileLabelRegex(rule.labelRegex));
    }
    return { rules, compiled };
  }

  private async assertValid(rule: CounterpartRule, scope: AccessScope): Promise<void> {
    if (rule.bankAccountId !== null) {
      const account = await this.bankAccounts.get(rule.bankAccountId, scope, 'bankAccountId');
      if (account.companyId !== rule.companyId) {
        throw new InvalidInputError(
          'rule.criteria_invalid',
          'bankAccountId',
          `bank account ${account.id} belongs to another company than the rule's (${rule.companyId})`,
        );
      }
    }
    if (rule.labelRegex) {
      try {
        compileLabelRegex(rule.labelRegex);
      } catch (error) {
        throw new InvalidInputError(
          'label_regex.invalid',
          'labelRegex',
          `is not a valid regular expression (${(error as Error).message})`,
        );
      }
    }
    if (rule.labelContains && rule.labelRegex) {
      throw new InvalidInputError('rule.criteria_invalid', 'labelRegex', 'give labelContains or labelRegex, not both');
    }
    if (rule.amountMin !== null && rule.amountMax !== null && new Big(rule.amountMin).gt(rule.amountMax)) {
      throw new InvalidInputError(
        'rule.criteria_invalid',
        'amountMax',
        `must be at least amountMin (${rule.amountMin}); both bound the absolute amount`,
      );
    }
    for (const field of ['amountMin', 'amountMax'] as const) {
      if (rule[field] !== null && new Big(rule[field]).lt(0)) {
        throw new InvalidInputError(
          'rule.criteria_invalid',
          field,
          'bounds the absolute amount: it cannot be negative',
        );
      }
    }
  }
}
