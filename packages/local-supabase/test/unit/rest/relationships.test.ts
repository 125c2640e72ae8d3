import { describe, expect, it } from 'vitest';
import { closestName } from '../../../src/rest/errors.ts';
import { viewColumnSources } from '../../../src/rest/schema-cache.ts';

describe('viewColumnSources', () => {
  it('reads resorigtbl/resorigcol of the top-level target list only', () => {
    // Shape of pg_rewrite.ev_action for `select f.id, f.title as name, 1 as one from (select …) f`:
    // a subquery's own target list comes first (inside :rtable) and must be skipped.
    const action =
      '({QUERY :commandType 1 :rtable ({RANGETBLENTRY :subquery {QUERY :targetList ({TARGETENTRY :expr {VAR :varno 1} :resno 1 :resname id :resorigtbl 999 :resorigcol 9 :resjunk false})}}) ' +
      ':targetList ({TARGETENTRY :expr {VAR :varno 1 :varattno 1} :resno 1 :resname id :ressortgroupref 0 :resorigtbl 16390 :resorigcol 1 :resjunk false} ' +
      '{TARGETENTRY :expr {VAR :varno 1 :varattno 3} :resno 2 :resname name\\ x :ressortgroupref 0 :resorigtbl 16390 :resorigcol 3 :resjunk false} ' +
      '{TARGETENTRY :expr {CONST :consttype 23} :resno 3 :resname one :ressortgroupref 0 :resorigtbl 0 :resorigcol 0 :resjunk false}) :override 0})';
    expect([...viewColumnSources(action)]).toEqual([
      [1, ['16390', 1]],
      [2, ['16390', 3]],
    ]);
    expect(viewColumnSources('({QUERY :targetList <>})').size).toBe(0);
  });
});

describe('closestName (the PGRST200 hint)', () => {
  it('suggests a close name, or nothing', () => {
    expect(closestName('director', ['films', 'directors', 'roles'])).toBe('directors');
    expect(closestName('rol', ['films', 'directors', 'roles'])).toBe('roles');
    expect(closestName('zzz', ['films', 'directors', 'roles'])).toBeUndefined();
  });
});
