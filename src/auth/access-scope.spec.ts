import { describe, expect, it } from '@jest/globals';

import { AccessScope } from './access-scope.js';

describe(AccessScope.name, () => {
  it('should let an editor see everything', () => {
    const sut = AccessScope.editor();
    expect(sut.canAccess(42)).toBe(true);
    expect(sut.companyFilter()).toBeUndefined();
    expect(sut.companyFilter(42)).toEqual([42]);
  });

  it('should restrict a scoped key to its companies', () => {
    const sut = AccessScope.companies([1, 2]);
    expect(sut.canAccess(2)).toBe(true);
    expect(sut.canAccess(3)).toBe(false);
    expect(sut.companyFilter()).toEqual([1, 2]);
    expect(sut.companyFilter(3)).toEqual([]);
  });
});
