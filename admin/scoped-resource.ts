import type { ActionContext, BaseRecord as BaseRecordType, Filter } from 'adminjs';
import { And, Equal, FindOperator, In, Raw, type BaseEntity, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';

import type { AdminIdentity } from '../src/admin-accounts/admin-accounts.service.js';

type AdminJSModule = typeof import('adminjs');
type TypeormAdapter = typeof import('@adminjs/typeorm');
type Where = Record<string, unknown>;

/**
 * What the back-office may read of one entity:
 * - `hidden`: columns never selected (password hashes, encrypted secrets…), so no list, record, search or edit page
 *   nor its JSON can carry them, and nothing can filter or sort on them;
 * - `companies`: the where-clause keeping an integrator to its companies, or 'editor' for a resource only editors see.
 */
export interface ResourceRules {
  hidden?: string[];
  companies: ((companyIds: number[]) => Record<string, FindOperator<unknown>>) | 'editor';
}

const NOTHING = Raw(() => '1 = 0');

/** `column IN (companies)`, nothing at all for an integrator without companies. */
export function inCompanies(companyIds: number[]): FindOperator<unknown> {
  return companyIds.length > 0 ? In(companyIds) : NOTHING;
}

/** `column IN (subquery)`, the subquery reading the companies from :...scopeCompanyIds. */
export function inSubquery(companyIds: number[], subquery: string): FindOperator<unknown> {
  return companyIds.length > 0 ? Raw((alias) => `${alias} IN (${subquery})`, { scopeCompanyIds: companyIds }) : NOTHING;
}

// Where each resource's rows belong, for an integrator's scope.
const BANK_ACCOUNTS_OF_COMPANIES = 'SELECT id FROM bank_account WHERE companyId IN (:...scopeCompanyIds)';
const STATEMENTS_OF_COMPANIES =
  'SELECT statement.id FROM bank_statement statement INNER JOIN bank_account account ON account.id = statement.bankAccountId WHERE account.companyId IN (:...scopeCompanyIds)';
const CONFIGS_OF_COMPANIES =
  'SELECT bridgeConfigId FROM bridge_config_company WHERE companyId IN (:...scopeCompanyIds)';

/** The company rules of the resources: a row belongs to a company through its column, its bank account, its statement… */
export const OWNED_BY = {
  /** A company column (`id` for the companies themselves). */
  company:
    (column: string): ResourceRules['companies'] =>
    (ids) => ({ [column]: inCompanies(ids) }),
  bankAccount: ((ids) => ({
    bankAccountId: inSubquery(ids, BANK_ACCOUNTS_OF_COMPANIES),
  })) satisfies ResourceRules['companies'],
  statement: ((ids) => ({
    statementId: inSubquery(ids, STATEMENTS_OF_COMPANIES),
  })) satisfies ResourceRules['companies'],
  /** A Bridge configuration serves the companies of its join table. */
  bridgeConfig: ((ids) => ({ id: inSubquery(ids, CONFIGS_OF_COMPANIES) })) satisfies ResourceRules['companies'],
};

/**
 * The TypeORM resource of AdminJS, restricted to what the signed-in account may see. AdminJS 7 hands every read
 * (list, count, record pages, search, reference pickers and filters, bulk actions) the action context, hence
 * `currentAdmin`; a read without one sees nothing. Writes never go through here: the actions call the domain services.
 */
export function scopedResourceClass(adapter: TypeormAdapter, adminjs: AdminJSModule) {
  const { Resource } = adapter;
  const { BaseRecord } = adminjs;

  // The adapter turns AdminJS filters into a TypeORM `where` inside count() and exports no other way to do it: count()
  // is borrowed with a model that hands the `where` back, so filters keep the adapter's exact meaning.
  async function adapterWhere(filter: Filter | null | undefined): Promise<Where> {
    let where: Where = {};
    const model = { count: async (options: { where?: Where }) => ((where = options.where ?? {}), 0) };
    await Resource.prototype.count.call({ model }, filter as Filter);
    return where;
  }

  return class ScopedResource extends Resource {
    private readonly hidden: Set<string>;

    constructor(
      private readonly entity: typeof BaseEntity,
      private readonly rules: ResourceRules,
    ) {
      super(entity);
      this.hidden = new Set(rules.hidden ?? []);
    }

    override properties() {
      return super.properties().filter((property) => !this.hidden.has(property.path()));
    }

    // The adapter answers undefined for a path it does not know (its typing says otherwise); a hidden column is unknown.
    override property(path: string) {
      return (this.hidden.has(path) ? undefined : super.property(path)) as ReturnType<
        InstanceType<TypeormAdapter['Resource']>['property']
      >;
    }

    override async count(filter: Filter, context?: ActionContext): Promise<number> {
      return this.repository().count({ where: await this.where(filter, context) });
    }

    override async find(
      filter: Filter,
      params: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } },
      context?: ActionContext,
    ): Promise<BaseRecordType[]> {
      const { limit = 10, offset = 0, sort = {} } = params;
      const sortBy = sort.sortBy && this.property(sort.sortBy) ? sort.sortBy : this.idName();
      const instances = await this.repository().find({
        select: this.selection(),
        where: await this.where(filter, context),
        take: limit,
        skip: offset,
        order: { [sortBy]: (sort.direction ?? 'asc').toUpperCase() },
      });
      return instances.map((instance) => new BaseRecord(instance, this));
    }

    override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecordType | null> {
      const where = await this.where(null, context);
      const instance = await this.repository().findOne({
        select: this.selection(),
        where: this.merge(where, { [this.idName()]: Equal(id) }),
      });
      return instance ? new BaseRecord(instance, this) : null;
    }

    override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecordType[]> {
      const where = await this.where(null, context);
      const instances = await this.repository().find({
        select: this.selection(),
        where: this.merge(where, { [this.idName()]: In(ids) }),
      });
      return instances.map((instance) => new BaseRecord(instance, this));
    }

    override async create(): Promise<never> {
      throw new Error(`${this.id()}: back-office writes go through the domain services`);
    }

    override async update(): Promise<never> {
      throw new Error(`${this.id()}: back-office writes go through the domain services`);
    }

    override async delete(): Promise<never> {
      throw new Error(`${this.id()}: back-office writes go through the domain services`);
    }

    private repository() {
      return this.entity.getRepository();
    }

    private selection(): Record<string, true> {
      return Object.fromEntries(this.properties().map((property) => [property.path(), true]));
    }

    /** The list's filters (those on unknown or hidden columns dropped), narrowed to the account's companies. */
    private async where(
      filter: Filter | null,
      context: ActionContext | undefined,
    ): Promise<FindOptionsWhere<ObjectLiteral>> {
      if (filter) {
        filter.filters = Object.fromEntries(Object.entries(filter.filters ?? {}).filter(([, item]) => item.property));
      }
      const where = await adapterWhere(filter);
      const identity = context?.currentAdmin as Partial<AdminIdentity> | undefined;
      if (identity?.role === 'editor') return where;
      if (!identity || this.rules.companies === 'editor') return this.merge(where, { [this.idName()]: NOTHING });
      return this.merge(where, this.rules.companies(identity.companyIds ?? []));
    }

    private merge(where: Where, restriction: Record<string, FindOperator<unknown>>): Where {
      const merged: Where = { ...where };
      for (const [key, operator] of Object.entries(restriction)) {
        const existing = merged[key];
        merged[key] =
          existing === undefined
            ? operator
            : And(existing instanceof FindOperator ? existing : Equal(existing), operator);
      }
      return merged;
    }
  };
}

export type ScopedResourceClass = ReturnType<typeof scopedResourceClass>;
