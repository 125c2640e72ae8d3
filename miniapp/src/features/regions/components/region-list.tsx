import { Text, View } from '@tarojs/components';
import { labelOf, REGION_LEVEL_LABELS } from '@tuoyu/domain';
import type { RegionItem } from '../api/use-child-regions.ts';
import './region-list.css';

/** Rows of regions; every row opens on tap: its sub-regions, or for a street its institutions. */
export function RegionList({ regions, onOpen }: { regions: readonly RegionItem[]; onOpen: (region: RegionItem) => void }) {
  return (
    <View className='region-list' data-testid='region-list'>
      {regions.map((region) => {
        return (
          <View
            key={region.code}
            className='region-list__item region-list__item--openable'
            data-testid={`region-item-${region.code}`}
            data-code={region.code}
            onClick={() => onOpen(region)}
          >
            <Text className='region-list__name' data-testid='region-item'>
              {region.name}
            </Text>
            <Text className='region-list__level'>{labelOf(REGION_LEVEL_LABELS, region.level)}</Text>
            {region.level === 'street' ? <Text className='region-list__action'>看机构</Text> : null}
            <Text className='region-list__chevron'>›</Text>
          </View>
        );
      })}
    </View>
  );
}
