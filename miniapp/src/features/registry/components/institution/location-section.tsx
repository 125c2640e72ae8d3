/** 位置与导航: the address and a way to get there (WeChat: the map app; H5: AMap's marker page). */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { mapMarkerUrl } from '@tuoyu/domain';
import { isWeapp } from '../../../../config/env.ts';
import type { InstitutionDetail } from '../../api/use-institution.ts';
import { Section } from './section.tsx';

export function LocationSection({ institution }: { institution: InstitutionDetail }) {
  const homeBased = institution.type === 'home_based';
  const area = institution.areaNames.join('');
  const address = homeBased ? `${area}（家庭托育点仅公开所在区域）` : (institution.publicAddress ?? area);
  const point = !homeBased && institution.lat !== null && institution.lng !== null ? { lat: institution.lat, lng: institution.lng } : null;
  const href = point ? mapMarkerUrl(point, institution.name) : null;

  const openMap = () => {
    if (!point || !href) return;
    if (isWeapp) {
      void Taro.openLocation({ latitude: point.lat, longitude: point.lng, name: institution.name, address, scale: 16 }).catch(() => undefined);
    } else {
      globalThis.open?.(href, '_blank', 'noopener');
    }
  };

  return (
    <Section title='位置与导航' testId='institution-location'>
      <View className='institution__row'>
        <Text className='institution__key'>地址</Text>
        <Text className='institution__value' data-testid='institution-address'>
          {address}
        </Text>
      </View>
      {href ? (
        <Text className='institution__map-link' data-testid='institution-map-link' data-href={href} onClick={openMap}>
          {isWeapp ? '查看地图 · 导航' : '在地图中打开 · 导航'}
        </Text>
      ) : (
        <Text className='muted' data-testid='institution-map-none'>
          {homeBased ? '家庭托育点不公开具体位置，请电话联系后前往' : '该机构暂未登记地图位置'}
        </Text>
      )}
    </Section>
  );
}
