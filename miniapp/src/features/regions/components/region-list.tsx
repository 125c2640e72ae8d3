import { Text, View } from '@tarojs/components';
import { labelOf, REGION_LEVEL_LABELS } from '@tuoyu/domain';
import type { RegionItem } from '../api/use-child-regions.ts';
import './region-list.css';

/** Rows of regions; rows with children (everything above street level) open on tap. */
export function RegionList({ regions, onOpen }: { regions: readonly RegionItem[]; onOpen: (region: RegionItem) => void }) {
  return (
    <View className='region-list' data-testid='region-list'>
      {regions.map((region) => {
        const openable = region.level !== 'street';
        return (
          <View
            key={region.code}
            className={`region-list__item${openable ? ' region-list__item--openable' : ''}`}
            data-testid={`region-item-${region.code}`}
            data-code={region.code}
            onClick={openable ? () => onOpen(region) : undefined}
          >
            <Text className='region-list__name' data-testid='region-item'>
              {region.name}
            </Text>
            <Text className='region-list__level'>{labelOf(REGION_LEVEL_LABELS, region.level)}</Text>
            {openable ? <Text className='region-list__chevron'>›</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
