/** One institution in the registry results. */
import { Text, View } from '@tarojs/components';
import { INSTITUTION_STATUS_LABELS, INSTITUTION_TYPE_LABELS, SERVICE_LABELS } from '@tuoyu/domain';
import type { RegistryItem } from '../api/use-registry-search.ts';
import { formatDistance } from '../model/search.ts';
import './chips.css';
import './result-card.css';

const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;

export function ResultCard({ item, onOpen }: { item: RegistryItem; onOpen: (item: RegistryItem) => void }) {
  return (
    <View className='result-card' data-testid='registry-result' data-id={item.id} onClick={() => onOpen(item)}>
      <View className='result-card__head'>
        <Text className='result-card__name' data-testid='registry-result-name'>
          {item.name}
        </Text>
        {item.distanceM !== null ? (
          <Text className='result-card__distance' data-testid='registry-result-distance'>
            {formatDistance(item.distanceM)}
          </Text>
        ) : null}
      </View>
      <View className='result-card__tags'>
        <Text className='tag tag--green'>{INSTITUTION_STATUS_LABELS.filed}</Text>
        {item.affordable ? <Text className='tag tag--orange'>普惠</Text> : null}
        <Text className='tag'>{label(INSTITUTION_TYPE_LABELS, item.type)}</Text>
        {item.services.map((service) => (
          <Text key={service} className='tag tag--plain'>
            {label(SERVICE_LABELS, service)}
          </Text>
        ))}
      </View>
      <Text className='result-card__line'>{item.publicAddress ?? ''}</Text>
      <Text className='result-card__line' data-testid='registry-result-filing-no'>
        {`备案编号 ${item.filingNo ?? '—'}${item.capacity > 0 ? ` · 托位 ${item.capacity} 个（在托 ${item.enrolled}）` : ' · 暂未公布托位'}`}
      </Text>
    </View>
  );
}
