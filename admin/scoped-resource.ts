import type { ActionContext, BaseRecord as BaseRecordType, Filter } from 'adminjs';
import { And, Equal, FindOperator, In, Raw, type BaseEntity, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';

import type { AdminIdentity } from '../src/admin-accounts/admin-accounts.service.js';
import { matchesWords, RECORD_TITLES, type TitleRule } from './record-titles.js';

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

/** The computed title of a record (record-titles.ts): what references, pickers and record pages show. */
export const TITLE_PATH = 'title';
/** How many rows of the account's scope a search by words reads at most. */
const SEARCH_CANDIDATES = 5000;

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
  const { BaseRecord, BaseProperty } = adminjs;

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
    private readonly titleProperty = new BaseProperty({ path: TITLE_PATH, type: 'string', isSortable: false });

    constructor(
      private readonly entity: typeof BaseEntity,
      private readonly rules: ResourceRules,
    ) {
      super(entity);
      this.hidden = new Set(rules.hidden ?? []);
    }

    /** The rule naming this resource's records (record-titles.ts), if it has one. */
    titleRule(): TitleRule | undefined {
      return RECORD_TITLES[this.repository().metadata.tableName];
    }

    override properties() {
      const columns = this.columns();
      // The title is computed, never a column: a rule's resource has it as a virtual, read-only property.
      return this.titleRule() && !columns.some((property) => property.path() === TITLE_PATH)
        ? [...columns, this.titleProperty as unknown as (typeof columns)[number]]
        : columns;
    }

    // The adapter answers undefined for a path it does not know (its typing says otherwise); a hidden column is unknown.
    override property(path: string) {
      if (path === TITLE_PATH && this.titleRule()) {
        return this.titleProperty as unknown as ReturnType<InstanceType<TypeormAdapter['Resource']>['property']>;
      }
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
      const sortBy = sort.sortBy && this.isColumn(sort.sortBy) ? sort.sortBy : this.idName();
      const instances = await this.repository().find({
        select: this.selection(),
        where: await this.where(filter, context),
        take: limit,
        skip: offset,
        order: { [sortBy]: (sort.direction ?? 'asc').toUpperCase() },
      });
      return this.records(instances);
    }

    override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecordType | null> {
      const where = await this.where(null, context);
      const instance = await this.repository().findOne({
        select: this.selection(),
        where: this.merge(where, { [this.idName()]: Equal(id) }),
      });
      return instance ? ((await this.records([instance]))[0] ?? null) : null;
    }

    override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecordType[]> {
      const where = await this.where(null, context);
      const instances = await this.repository().find({
        select: this.selection(),
        where: this.merge(where, { [this.idName()]: In(ids) }),
      });
      return this.records(instances);
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

    /** The entity's columns the back-office may read (the hidden ones left out). */
    private columns() {
      return super.properties().filter((property) => !this.hidden.has(property.path()));
    }

    private isColumn(path: string): boolean {
      return this.columns().some((property) => property.path() === path);
    }

    private selection(): Record<string, true> {
      return Object.fromEntries(this.columns().map((property) => [property.path(), true]));
    }

    /** AdminJS records of the rows read, each with its computed title. */
    private async records(instances: ObjectLiteral[]): Promise<BaseRecordType[]> {
      const records = instances.map((instance) => new BaseRecord(instance, this));
      const rule = this.titleRule();
      if (rule && records.length > 0) {
        const titles = await rule(
          records.map((record) => Number(record.id())),
          this.repository().manager,
        );
        for (const record of records)
          record.params[TITLE_PATH] = titles.get(Number(record.id())) ?? String(record.id());
      }
      return records;
    }

    /**
     * A search on the title (reference pickers, the search box): by words, each somewhere in the title, among the rows
     * of the account's scope that pass the other filters. Compared in memory: no input reaches the SQL.
     */
    private async titleMatches(query: string, where: Where): Promise<FindOperator<unknown>> {
      const rule = this.titleRule()!;
      const rows = await this.repository().find({
        select: { [this.idName()]: true },
        where,
        take: SEARCH_CANDIDATES,
        order: { [this.idName()]: 'ASC' },
      });
      const ids = rows.map((row) => Number((row as ObjectLiteral)[this.idName()]));
      const titles = ids.length > 0 ? await rule(ids, this.repository().manager) : new Map<number, string>();
      const found = ids.filter((id) => matchesWords(titles.get(id) ?? String(id), query));
      return found.length > 0 ? In(found) : NOTHING;
    }

    /** The list's filters (those on unknown or hidden columns dropped), narrowed to the account's companies. */
    private async where(
      filter: Filter | null,
      context: ActionContext | undefined,
    ): Promise<FindOptionsWhere<ObjectLiteral>> {
      let titleQuery: string | undefined;
      const unmatchable: string[] = [];
      if (filter) {
        const filters = filter.filters ?? {};
        const title = filters[TITLE_PATH];
        if (title && this.titleRule()) titleQuery = typeof title.value === 'string' ? title.value : '';
        filter.filters = Object.fromEntries(
          Object.entries(filters).filter(([path, item]) => {
            if (path === TITLE_PATH || !item.property || !this.isColumn(path)) return false;
            // A numeric column compared with text (a search typed in a picker) matches nothing: never an SQL error.
            if (!numericValueFits(item.property.type(), item.value)) {
              unmatchable.push(path);
              return false;
            }
            return true;
          }),
        );
      }
      let where = await adapterWhere(filter);
      if (unmatchable.length > 0) where = this.merge(where, { [this.idName()]: NOTHING });
      const identity = context?.currentAdmin as Partial<AdminIdentity> | undefined;
      if (identity?.role !== 'editor') {
        if (!identity || this.rules.companies === 'editor') return this.merge(where, { [this.idName()]: NOTHING });
        where = this.merge(where, this.rules.companies(identity.companyIds ?? []));
      }
      if (titleQuery !== undefined && titleQuery.trim() !== '') {
        where = this.merge(where, { [this.idName()]: await this.titleMatches(titleQuery, where) });
      }
      return where;
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

/** Whether a filter value can be compared with a column of this type: numbers and references take integers only. */
function numericValueFits(type: string, value: unknown): boolean {
  if (type !== 'number' && type !== 'reference' && type !== 'float') return true;
  const pattern = type === 'float' ? /^-?\d{1,15}([.,]\d+)?$/ : /^-?\d{1,15}$/;
  const values = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value)
      : [value];
  return values.every(
    (item) => item === undefined || item === null || item === '' || pattern.test(String(item).trim()),
  );
}

export type ScopedResourceClass = ReturnType<typeof scopedResourceClass>;
