import { Picker, Text, View } from '@tarojs/components';
import { useQuery } from '@tanstack/react-query';
import { ancestorCode, regionLevelOf } from '@tuoyu/domain';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

type Region = { code: string; name: string };

function useChildren(parent: string | null) {
  return useQuery({
    queryKey: ['policies', 'regions', parent ?? 'root'] as const,
    queryFn: async (): Promise<Region[]> => {
      const query = getSupabase().from('regions').select('code,name').order('code');
      const result = parent ? await query.eq('parent_code', parent) : await query.eq('level', 'province');
      throwIfError(result);
      return result.data ?? [];
    },
  });
}

function Level({ label, parent, value, onPick, testId }: { label: string; parent: string | null; value: string | null; onPick: (code: string) => void; testId: string }) {
  const options = useChildren(parent);
  const list = options.data ?? [];
  const index = Math.max(0, list.findIndex((r) => r.code === value));
  const current = list.find((r) => r.code === value);
  return (
    <Picker mode='selector' range={list.map((r) => r.name)} value={index} onChange={(e) => { const r = list[Number(e.detail.value)]; if (r) onPick(r.code); }}>
      <Text className={`content-chip${current ? ' content-chip--active' : ''}`} data-testid={testId}>{current?.name ?? `选择${label}`}</Text>
    </Picker>
  );
}

/**
 * Where the policies apply: province → city → county pickers over the regions table. The policies
 * of the country and of every level above the chosen region are included (policies_for_region).
 */
export function RegionChooser({ region, onChange }: { region: string; onChange: (code: string) => void }) {
  const level = regionLevelOf(region);
  const province = ancestorCode(region, 'province');
  const city = level === 'province' ? null : ancestorCode(region, 'city');
  const county = level === 'county' || level === 'street' ? ancestorCode(region, 'county') : null;
  return (
    <View className='content-chips' data-testid='policy-region'>
      <Text className='content-muted'>所在地区：</Text>
      <Level label='省' parent={null} value={province} onPick={onChange} testId='policy-region-province' />
      <Level label='市' parent={province} value={city} onPick={onChange} testId='policy-region-city' />
      {city ? <Level label='县区' parent={city} value={county} onPick={onChange} testId='policy-region-county' /> : null}
    </View>
  );
}
