/** What the caller's API key may see: every company (editor key) or a fixed set. */
export class AccessScope {
  private constructor(
    readonly editor: boolean,
    private readonly companies: ReadonlySet<number>,
  ) {}

  static editor(): AccessScope {
    return new AccessScope(true, new Set());
  }

  static companies(companyIds: Iterable<number>): AccessScope {
    return new AccessScope(false, new Set(companyIds));
  }

  canAccess(companyId: number): boolean {
    return this.editor || this.companies.has(companyId);
  }

  /** The company ids to filter queries with, or `undefined` for "all companies". */
  get companyIds(): number[] | undefined {
    return this.editor ? undefined : [...this.companies];
  }

  /** The company filter of a list: the requested company if visible (else none), or every visible one. */
  companyFilter(requested?: number): number[] | undefined {
    if (requested !== undefined) {
      return this.canAccess(requested) ? [requested] : [];
    }
    return this.companyIds;
  }
}
