import { REGION_LEVEL_LABELS } from '@tuoyu/domain';
import { useList } from '@refinedev/core';
import { Select } from 'antd';
import { useMemo } from 'react';
import { REGION_COLUMNS, useRegionScope } from '../../contexts/region-scope.tsx';
import type { StaffScope } from '../../lib/permissions.ts';
import type { RegionRow } from '../../lib/db.ts';


const ALL = '__all__';

/** City and province admins pick a city or county inside their area; everyone else has none. */
export function RegionSelector({ scopes }: { scopes: StaffScope[] }) {
  const { selected, select } = useRegionScope();
  const { result, query } = useList<RegionRow>({
    resource: 'regions',
    pagination: { mode: 'off' },
    sorters: [{ field: 'code', order: 'asc' }],
    filters: [
      { field: 'level', operator: 'in', value: ['city', 'county'] },
      // regions carry province_code / city_code; equality on them (indexed) selects "everything under".
      // (Not `startswith` inside `or`: @refinedev/supabase 6.0.2 sends it unmapped, PostgREST rejects it.)
      {
        operator: 'or',
        value: scopes.map((s) => ({ field: REGION_COLUMNS[s.regionLevel], operator: 'eq' as const, value: s.regionCode })),
      },
    ],
    queryOptions: { enabled: scopes.length > 0 },
    errorNotification: false,
  });

  const options = useMemo(() => {
    const rows = (result.data ?? []).filter((r) => !scopes.some((s) => s.regionCode === r.code));
    return [
      { value: ALL, label: `全部辖区（${scopes.map((s) => s.regionName ?? s.regionCode).join('、')}）` },
      ...rows.map((r) => ({ value: r.code, label: `${r.name}（${REGION_LEVEL_LABELS[r.level]}）`, row: r })),
    ];
  }, [result.data, scopes]);

  return (
    <Select
      data-testid="region-selector"
      aria-label="选择区域"
      style={{ minWidth: 220 }}
      loading={query.isLoading}
      value={selected?.code ?? ALL}
      options={options.map(({ value, label }) => ({ value, label }))}
      showSearch
      optionFilterProp="label"
      onChange={(code: string) => {
        const row = (result.data ?? []).find((r) => r.code === code);
        select(row ? { code: row.code, level: row.level, name: row.name } : null);
      }}
    />
  );
}
