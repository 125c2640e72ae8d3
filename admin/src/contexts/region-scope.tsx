import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CrudFilter } from '@refinedev/core';
import type { RegionLevel } from '../lib/labels.ts';
import { regionPrefix } from '../lib/region-code.ts';

/**
 * The region a city or province admin is currently looking at (null = their whole area).
 * Lists add `regionFilter(column)` to narrow what RLS already allows them to see.
 */
export type SelectedRegion = { code: string; level: RegionLevel; name: string };

type RegionScope = {
  selected: SelectedRegion | null;
  select(region: SelectedRegion | null): void;
  /** A `startswith` filter on a region-code column, or none. */
  regionFilter(column: string): CrudFilter[];
};

const STORAGE_KEY = 'tuoyu-admin-region';

function readStored(): SelectedRegion | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as SelectedRegion) : null;
  } catch {
    return null;
  }
}

const RegionScopeContext = createContext<RegionScope | null>(null);

export function RegionScopeProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState<SelectedRegion | null>(readStored);
  const select = useCallback((region: SelectedRegion | null) => {
    setSelected(region);
    if (region) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(region));
    else sessionStorage.removeItem(STORAGE_KEY);
  }, []);
  const value = useMemo<RegionScope>(
    () => ({
      selected,
      select,
      regionFilter: (column) =>
        selected ? [{ field: column, operator: 'startswith', value: regionPrefix(selected.code, selected.level) }] : [],
    }),
    [selected, select],
  );
  return <RegionScopeContext.Provider value={value}>{children}</RegionScopeContext.Provider>;
}

export function useRegionScope(): RegionScope {
  const scope = useContext(RegionScopeContext);
  if (!scope) throw new Error('useRegionScope must be used inside <RegionScopeProvider>');
  return scope;
}
